using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// Data protection that remembers what it has already opened, for the session and antiforgery cookies only. Every signed-in request carries a session cookie and an
/// antiforgery cookie: decrypting and authenticating both each time was a sixth of a signed-in page's cost. Here a
/// ciphertext this node has verified maps to its content for a few minutes (the answer the keys would give again).
/// A ciphertext never seen is checked by the keys as before, so a forged or altered one is still refused.
/// Protecting encrypts anew, except when <paramref name="mayRepeat"/> says the response is never compressed (a
/// signed-in page): then the same content gets the ciphertext it got before. Fresh ciphertexts are what keep a
/// compressed page from leaking its antiforgery token (BREACH); an uncompressed one has nothing to leak, and
/// encrypting a signed-in person's unchanged form token on every page was a tenth of that page's cost.
/// </summary>
public sealed class RememberedProtection(IDataProtectionProvider keys, Func<bool> mayRepeat) : IDataProtectionProvider, IDisposable
{
    private static readonly TimeSpan _kept = TimeSpan.FromMinutes(10);
    // Bounded by the bytes kept (input, result and purposes), as every cache is.
    private readonly MemoryCache _done = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });
    private readonly Func<bool> _mayRepeat = mayRepeat;

    /// <summary>
    /// The purposes whose ciphertexts come with every request: the cookie schemes' tickets (the session) and the
    /// antiforgery tokens. Anything else (a password-reset token, a sign-in provider's state) is the keys' alone.
    /// </summary>
    private static readonly HashSet<string> _remembered = [CookiesPurpose, AntiforgeryPurpose];

    /// <summary>What every cookie scheme's tickets are protected for (then the scheme, then "v2").</summary>
    public const string CookiesPurpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";

    /// <summary>What antiforgery tokens are protected for.</summary>
    public const string AntiforgeryPurpose = "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1";

    /// <summary>How many answers are kept: more than none once a signed-in page was seen.</summary>
    internal long Kept => _done.Count;

    public IDataProtector CreateProtector(string purpose) =>
        _remembered.Contains(purpose) ? new Protector(this, keys.CreateProtector(purpose), purpose) : keys.CreateProtector(purpose);

    public void Dispose() => _done.Dispose();

    private sealed class Protector(RememberedProtection owner, IDataProtector keys, string purposes) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new Protector(owner, keys.CreateProtector(purpose), $"{purposes}\n{purpose}");

        public byte[] Protect(byte[] plaintext) => owner._mayRepeat()
            ? Remembered(new Work(purposes, Protecting: true, plaintext), () => keys.Protect(plaintext))
            : keys.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData) =>
            Remembered(new Work(purposes, Protecting: false, protectedData), () => keys.Unprotect(protectedData));

        /// <summary>What the keys gave for this work before, or what they give now (a refusal is not kept).</summary>
        private byte[] Remembered(Work work, Func<byte[]> doWork)
        {
            if (owner._done.TryGetValue(work, out byte[]? kept))
            {
                // A copy: callers own what they are given.
                return [.. kept!];
            }
            var result = doWork();
            owner._done.Set(work with { Input = [.. work.Input] }, result.ToArray(),
                new MemoryCacheEntryOptions { Size = 128 + work.Input.Length + result.Length + (2 * work.Purposes.Length), AbsoluteExpirationRelativeToNow = _kept });
            return result;
        }
    }

    /// <summary>One thing asked of the keys, compared by content: looking it up copies nothing (cookies come on every request).</summary>
    private sealed record Work(string Purposes, bool Protecting, byte[] Input)
    {
        public bool Equals(Work? other) =>
            other is not null && Protecting == other.Protecting && Purposes == other.Purposes && Input.AsSpan().SequenceEqual(other.Input);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(Input);
            hash.Add(Purposes);
            hash.Add(Protecting);
            return hash.ToHashCode();
        }
    }
}
