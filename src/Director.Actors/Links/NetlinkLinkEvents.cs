using Director.Native.Netlink;

namespace Director.Actors.Links;

/// <summary>
/// Link up/down from rtnetlink: a link counts as up when it is administratively up and running
/// (carrier), as keepalived judges it. One background reader per subscription.
/// </summary>
public sealed class NetlinkLinkEvents(string? netns = null) : ILinkEvents
{
    public static bool IsUp(LinkInfo link) => link.IsUp && link.IsRunning;

    public IReadOnlyDictionary<string, bool> CurrentStates()
    {
        using var rtnl = RtnetlinkClient.Open(netns);
        return rtnl.ListLinks().ToDictionary(l => l.Name, IsUp, StringComparer.Ordinal);
    }

    public IDisposable Subscribe(Action<LinkEvent> onEvent)
    {
        var monitor = NetlinkMonitor.Open(netns, Rtnl.RTMGRP_LINK);
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in monitor.ReadAllAsync(stop.Token))
                {
                    if (change is LinkChanged link)
                        onEvent(new LinkEvent(link.Link.Name, !link.Removed && IsUp(link.Link)));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        return new Subscription(stop, monitor);
    }

    private sealed class Subscription(CancellationTokenSource stop, NetlinkMonitor monitor) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            monitor.Dispose();
        }
    }
}
