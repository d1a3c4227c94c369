using System.Net;
using Director.TestSupport.Netns;

namespace Director.Native.Tests.Netns;

/// <summary>Namespaces A and B joined by a veth pair eth0-eth0: 10.77.0.1/24 + fd00:77::1/64 and 10.77.0.2/24 + fd00:77::2/64.</summary>
internal sealed class TwoHosts : IDisposable
{
    public const string Interface = "eth0";
    public static readonly IPAddress A4 = IPAddress.Parse("10.77.0.1");
    public static readonly IPAddress B4 = IPAddress.Parse("10.77.0.2");
    public static readonly IPAddress A6 = IPAddress.Parse("fd00:77::1");
    public static readonly IPAddress B6 = IPAddress.Parse("fd00:77::2");

    private TwoHosts(NetworkLab lab, LabNamespace a, LabNamespace b)
    {
        Lab = lab;
        A = a;
        B = b;
    }

    public NetworkLab Lab { get; }
    public LabNamespace A { get; }
    public LabNamespace B { get; }

    public static TwoHosts Create(bool disableDad = true)
    {
        var lab = NetworkLab.Create();
        try
        {
            var a = lab.AddNamespace("a");
            var b = lab.AddNamespace("b");
            if (disableDad)
            {
                a.DisableIpv6Dad();
                b.DisableIpv6Dad();
            }
            lab.Connect(a, Interface, b, Interface);
            a.AddAddress(Interface, "10.77.0.1/24");
            b.AddAddress(Interface, "10.77.0.2/24");
            a.Exec("ip", "addr", "add", "fd00:77::1/64", "dev", Interface, "nodad");
            b.Exec("ip", "addr", "add", "fd00:77::2/64", "dev", Interface, "nodad");
            return new TwoHosts(lab, a, b);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public static CancellationTokenSource Deadline(double seconds = 5) => new(TimeSpan.FromSeconds(seconds));

    public void Dispose() => Lab.Dispose();
}
