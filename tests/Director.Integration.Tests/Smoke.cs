namespace Director.Integration.Tests; public class Smoke { [Fact] public void Builds() { } }
