namespace Director.TestSupport; internal static class AssemblyMarker { }
