namespace Director.Native.Tests; public class Smoke { [Fact] public void Builds() { } }
