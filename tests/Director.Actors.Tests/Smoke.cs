namespace Director.Actors.Tests; public class Smoke { [Fact] public void Builds() { } }
