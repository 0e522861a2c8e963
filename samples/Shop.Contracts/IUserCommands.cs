using KubeMQ.Typed;

namespace Shop.Contracts;

/// <summary>
/// Commands: the user service executes a request or refuses it; a refusal (the responder threw) reaches the caller
/// as a <see cref="KubeMQResponderException"/> naming the exception type and message.
/// </summary>
[KubeMQChannel("shop.users", Pattern = KubeMQPattern.Commands, Timeout = 5000)]
public interface IUserCommands
{
    Task Register(NewUser user, CancellationToken cancellationToken = default);

    Task Deactivate(string email, string reason, CancellationToken cancellationToken = default);
}
