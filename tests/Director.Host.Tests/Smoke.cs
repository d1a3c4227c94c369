namespace Director.Host.Tests; public class Smoke { [Fact] public void Builds() { } }
