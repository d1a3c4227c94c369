namespace Director.Native; internal static class AssemblyMarker { }
