namespace KubeMQ.Typed.Generators.Tests;

/// <summary>The generated source of one contract per pattern, compared with the reviewed snapshot beside this file.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Query_contract_generates_proxy_with_cache_keys_responder_and_registrations()
    {
        SnapshotFile.Verify(GeneratorHarness.Run(ContractSources.Model, ContractSources.Queries).SingleSource(), "Queries");
    }

    [Fact]
    public void Command_contract_generates_proxy_responder_and_registrations()
    {
        SnapshotFile.Verify(GeneratorHarness.Run(ContractSources.Model, ContractSources.Commands).SingleSource(), "Commands");
    }

    [Fact]
    public void Events_contract_generates_publisher_handler_binding_with_default_group()
    {
        SnapshotFile.Verify(GeneratorHarness.Run(ContractSources.Model, ContractSources.Events).SingleSource(), "Events");
    }

    [Fact]
    public void Events_store_contract_with_its_own_json_context_generates_internal_types()
    {
        SnapshotFile.Verify(GeneratorHarness.Run(ContractSources.Model, ContractSources.EventsStore).SingleSource(), "EventsStore");
    }

    [Fact]
    public void Queue_contract_generates_sender_with_merged_policies_and_consumer()
    {
        SnapshotFile.Verify(GeneratorHarness.Run(ContractSources.Model, ContractSources.Queue).SingleSource(), "Queue");
    }
}
