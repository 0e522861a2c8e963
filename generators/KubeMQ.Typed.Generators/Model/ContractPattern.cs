namespace KubeMQ.Typed.Generators.Model
{
    /// <summary>The resolved pattern of a contract; the numbers match KubeMQ.Typed.KubeMQPattern.</summary>
    internal enum ContractPattern
    {
        Events = 1,
        EventsStore = 2,
        Commands = 3,
        Queries = 4,
        Queue = 5,
    }
}
