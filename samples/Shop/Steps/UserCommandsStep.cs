using KubeMQ.Typed;
using Shop.Contracts;

namespace Shop.Steps;

/// <summary>Commands: one executed, one refused by the responder (surfacing as a typed exception), one more executed.</summary>
public sealed class UserCommandsStep(IUserCommands users, ShopObservations observations, ShopRun run) : IShopStep
{
    public string Name => "commands";

    public string Title => "IUserCommands: executed and refused commands";

    public async Task RunAsync(StepLog log, CancellationToken cancellationToken)
    {
        var ann = new NewUser($"ann.{run.Stamp}@shop.test", "Ann");
        await users.Register(ann, cancellationToken);
        log.Line($"Register({ann.Email}) -> executed");

        try
        {
            await users.Register(ann, cancellationToken);
            throw new StepFailedException("registering the same user twice was executed instead of refused");
        }
        catch (KubeMQResponderException refused)
        {
            StepFailedException.ThrowUnless(refused.RemoteExceptionType == typeof(InvalidOperationException).FullName,
                $"the refusal carried exception type '{refused.RemoteExceptionType}', not InvalidOperationException");
            log.Line($"Register({ann.Email}) again -> refused: {refused.RemoteExceptionType}: {refused.RemoteMessage}");
        }

        await users.Deactivate(ann.Email, "closed the account", cancellationToken);
        log.Line($"Deactivate({ann.Email}, \"closed the account\") -> executed");

        var seen = observations.UserCommands.Snapshot();
        StepFailedException.ThrowUnless(seen.Count == 2,
            $"UserDirectory should have executed 2 commands, it executed {seen.Count}: {string.Join("; ", seen)}");
        log.Line($"UserDirectory executed: {string.Join("; ", seen)}");
    }
}
