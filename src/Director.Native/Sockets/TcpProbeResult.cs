using System.Runtime.InteropServices;

namespace Director.Native.Sockets;

public enum TcpProbeStatus
{
    Connected,
    TimedOut,
    /// <summary>connect() failed or the connection was refused/reset: <see cref="TcpProbeResult.Errno"/> says why.</summary>
    Failed,
    BindFailed,
    SocketFailed,
    Cancelled,
}

/// <summary>How a TCP connect probe ended, and how long it took.</summary>
public readonly record struct TcpProbeResult(TcpProbeStatus Status, int Errno, TimeSpan Latency)
{
    /// <summary>The kernel's text for <see cref="Errno"/> (e.g. "Connection refused").</summary>
    public string ErrorText => Errno == 0 ? "" : Marshal.GetPInvokeErrorMessage(Errno);
}
