namespace Director.Core.Vrrp;

/// <summary>The result of handling one event: the next state and the actions to carry out, in order.</summary>
public sealed record VrrpTransition(VrrpInstanceState Next, IReadOnlyList<VrrpAction> Actions);
