namespace Director.Core.Tests; public class Smoke { [Fact] public void Builds() { } }
