namespace KubeMQ.Broker.Channels;

/// <summary>
/// What each pattern's engine exposes to channel management: the management query handler asks the catalog of the
/// requested <see cref="ChannelType"/> to create, delete or list its channels.
/// </summary>
internal interface IChannelCatalog
{
    ChannelType Type { get; }

    /// <summary>Creates the channel if it does not exist yet; creating an existing channel succeeds.</summary>
    void Create(string name);

    /// <summary>Deletes the channel and everything stored in it. Returns false when there was no such channel.</summary>
    bool Delete(string name);

    IReadOnlyList<ChannelInfo> List();
}
