namespace Director.Actors; internal static class AssemblyMarker { }
