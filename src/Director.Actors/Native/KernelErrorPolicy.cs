namespace Director.Actors.Native;

/// <summary>
/// Which kernel errors mean "already as asked", as keepalived treats them: adding what exists
/// (EEXIST) and deleting what is absent (EADDRNOTAVAIL, ESRCH, ENOENT; ENODEV for a link) succeed.
/// </summary>
public static class KernelErrorPolicy
{
    public static bool IsAlreadyInPlace(KernelCommand command, int errno) => command switch
    {
        AddAddress or AddRoute or CreateVmac => errno == Errno.EEXIST,
        DeleteAddress or DeleteRoute => errno is Errno.EADDRNOTAVAIL or Errno.ESRCH or Errno.ENOENT,
        DeleteVmac => errno is Errno.ENODEV or Errno.ENOENT,
        _ => false,
    };
}
