using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Data protection that remembers what it has already opened. Every signed-in request carries a session cookie and an
/// antiforgery cookie: decrypting and authenticating both each time was a sixth of a signed-in page's cost. Here a
/// ciphertext this node has verified maps to its content for a few minutes (the answer the keys would give again).
/// A ciphertext never seen is checked by the keys as before, so a forged or altered one is still refused; protecting
/// is untouched, so each page still gets a freshly encrypted antiforgery token (which is what keeps a compressed page
/// from leaking it).
/// </summary>
public sealed class RememberedProtection(IDataProtectionProvider keys) : IDataProtectionProvider, IDisposable
{
    private static readonly TimeSpan _kept = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _opened = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public IDataProtector CreateProtector(string purpose) => new Protector(this, keys.CreateProtector(purpose), purpose);

    public void Dispose() => _opened.Dispose();

    private sealed class Protector(RememberedProtection owner, IDataProtector keys, string purposes) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new Protector(owner, keys.CreateProtector(purpose), $"{purposes}\n{purpose}");

        public byte[] Protect(byte[] plaintext) => keys.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            var key = Key(protectedData);
            if (owner._opened.TryGetValue(key, out byte[]? kept))
            {
                // A copy: callers own what they are given.
                return [.. kept!];
            }
            var plaintext = keys.Unprotect(protectedData);
            Remember(key, plaintext);
            return plaintext;
        }

        private string Key(byte[] protectedData) => $"{purposes}\n{Convert.ToBase64String(protectedData)}";

        private void Remember(string key, byte[] plaintext) =>
            owner._opened.Set(key, plaintext.ToArray(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _kept });
    }
}
