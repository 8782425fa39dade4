using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// Checks a password for an address, doing the same work whether the address has an account or not (a hash is
/// checked either way), so the answer's time says nothing about who is registered.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<Person> hasher)
{
    private static readonly Person _nobody = new() { Pseudonym = "" };

    /// <summary>Made once for the process, with the hasher's settings: checking it costs what checking a real hash does.</summary>
    private static string? _decoy;

    /// <summary>True only when the person exists and the password is theirs.</summary>
    public async Task<bool> IsRightAsync(UserManager<Person> people, Person? person, string password)
    {
        if (person?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(_nobody, _decoy ??= hasher.HashPassword(_nobody, Guid.NewGuid().ToString()), password);
            return false;
        }
        return await people.CheckPasswordAsync(person, password);
    }

    /// <summary>The cost of making an account, for an address that already has one.</summary>
    public void HashForNothing(string password) => hasher.HashPassword(_nobody, password);
}

/// <summary>
/// Refuses passwords found in lists of common and breached passwords (ASVS 2.1.7), also with digits or signs added
/// before or after ("motdepasse2024!"), and passwords of fewer than four different characters.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<Person>
{
    public const string Code = "PasswordCommon";

    private static readonly Lazy<FrozenSet<string>> _list = new(Read);

    public Task<IdentityResult> ValidateAsync(UserManager<Person> manager, Person user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "This password is too common." })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim("0123456789!?.,;:-_*#@$%&+=/\\ ".ToCharArray());
        return lower.Distinct().Count() < 4 || core.Length == 0 || _list.Value.Contains(lower) || _list.Value.Contains(core);
    }

    private static FrozenSet<string> Read()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
