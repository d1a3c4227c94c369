namespace Director.Core.Vrrp;

/// <summary>States of a VRRP instance (RFC 5798 6.4 plus keepalived's FAULT and STOP).</summary>
public enum VrrpState
{
    Init,
    Backup,
    Master,
    Fault,
    Stop,
}
