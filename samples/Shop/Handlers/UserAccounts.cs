using System.Collections.Concurrent;
using Shop.Contracts;

namespace Shop.Handlers;

/// <summary>The registered users; a singleton, because the responder is created per command.</summary>
public sealed class UserAccounts
{
    private readonly ConcurrentDictionary<string, NewUser> _active = new(StringComparer.OrdinalIgnoreCase);

    public bool TryAdd(NewUser user) => _active.TryAdd(user.Email, user);

    public bool TryRemove(string email) => _active.TryRemove(email, out _);
}
