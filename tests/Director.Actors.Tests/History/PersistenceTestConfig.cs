using Akka.Configuration;
using Director.Actors.History;

namespace Director.Actors.Tests.History;

/// <summary>In-memory journal and snapshot store (shared by every actor of one test's system), with the history serializer bound.</summary>
public static class PersistenceTestConfig
{
    public static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serialize-messages = off
        """ + "\n" + HistorySerializer.Hocon);
}
