using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>Executes user commands; throwing refuses one, and the caller gets the exception's type and message.</summary>
public sealed class UserDirectory(UserAccounts accounts, ShopObservations observations) : IUserCommandsResponder
{
    public Task Register(NewUser user, KubeMQRequestContext context)
    {
        if (!accounts.TryAdd(user))
            throw new InvalidOperationException($"{user.Email} is already registered.");
        observations.UserCommands.Add($"{context.Method} {user.Email}");
        return Task.CompletedTask;
    }

    public Task Deactivate(string email, string reason, KubeMQRequestContext context)
    {
        if (!accounts.TryRemove(email))
            throw new KeyNotFoundException($"{email} is not registered.");
        observations.UserCommands.Add($"{context.Method} {email} ({reason})");
        return Task.CompletedTask;
    }
}
