using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class RememberedProtectionTests
{
    /// <summary>Real keys (ephemeral), counting how often they are asked to work.</summary>
    private sealed class CountingKeys : IDataProtectionProvider
    {
        private readonly EphemeralDataProtectionProvider _keys = new();
        public int Protected;
        public int Unprotected;

        public IDataProtector CreateProtector(string purpose) => new Counting(this, _keys.CreateProtector(purpose));

        private sealed class Counting(CountingKeys owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(owner, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext)
            {
                Interlocked.Increment(ref owner.Protected);
                return inner.Protect(plaintext);
            }

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner.Unprotected);
                return inner.Unprotect(protectedData);
            }
        }
    }

    private static readonly byte[] _session = Encoding.UTF8.GetBytes("ticket of a session");

    [Fact]
    public void A_ciphertext_is_opened_by_the_keys_once_and_its_content_given_each_time()
    {
        var keys = new CountingKeys();
        using var remembered = new RememberedProtection(keys, mayRepeat: () => false);
        var cookies = remembered.CreateProtector(RememberedProtection.CookiesPurpose).CreateProtector("v2");
        var cookie = cookies.Protect(_session);

        for (var i = 0; i < 5; i++)
        {
            var opened = cookies.Unprotect(cookie);
            Assert.Equal(_session, opened);
            opened[0] = 0; // what a caller does with its copy changes nothing kept
        }
        Assert.Equal(1, keys.Unprotected);
        // What is remembered does not follow the caller's array: the same bytes arriving anew are still known.
        var arrivingAgain = cookie.ToArray();
        cookie[0] ^= 1;
        Assert.Equal(_session, cookies.Unprotect(arrivingAgain));
        Assert.Equal(1, keys.Unprotected);
        // Another purpose never gets the content, remembered or not.
        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector(RememberedProtection.CookiesPurpose).CreateProtector("v1").Unprotect(arrivingAgain));
    }

    [Fact]
    public void An_altered_ciphertext_is_still_refused_by_the_keys()
    {
        using var remembered = new RememberedProtection(new CountingKeys(), mayRepeat: () => false);
        var cookies = remembered.CreateProtector(RememberedProtection.CookiesPurpose);
        var cookie = cookies.Protect(_session);
        cookies.Unprotect(cookie);
        var altered = cookie.ToArray();
        altered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cookies.Unprotect(altered));
        Assert.ThrowsAny<CryptographicException>(() => cookies.Unprotect(altered));
    }

    [Fact]
    public void What_is_protected_is_encrypted_anew_each_time()
    {
        var keys = new CountingKeys();
        using var remembered = new RememberedProtection(keys, mayRepeat: () => false);
        var tokens = remembered.CreateProtector(RememberedProtection.AntiforgeryPurpose);
        var first = tokens.Protect(_session);
        var second = tokens.Protect(_session);
        Assert.NotEqual(first, second);
        Assert.Equal(2, keys.Protected);
        Assert.Equal(_session, tokens.Unprotect(second));
    }

    [Fact]
    public void Where_the_response_is_never_compressed_the_same_content_keeps_its_ciphertext()
    {
        var keys = new CountingKeys();
        var signedIn = true;
        using var remembered = new RememberedProtection(keys, mayRepeat: () => signedIn);
        var tokens = remembered.CreateProtector(RememberedProtection.AntiforgeryPurpose);
        var first = tokens.Protect(_session);
        var again = tokens.Protect(_session);
        Assert.Equal(first, again);
        Assert.NotSame(first, again);
        Assert.Equal(1, keys.Protected);
        Assert.Equal(_session, tokens.Unprotect(again));
        // Other content, or another purpose, is encrypted for itself.
        Assert.NotEqual(first, tokens.Protect(Encoding.UTF8.GetBytes("another person's token")));
        Assert.NotEqual(first, remembered.CreateProtector(RememberedProtection.CookiesPurpose).Protect(_session));
        Assert.Equal(3, keys.Protected);
        // A page that may be compressed gets a fresh ciphertext again.
        signedIn = false;
        Assert.NotEqual(first, tokens.Protect(_session));
        Assert.Equal(4, keys.Protected);
    }

    /// <summary>A password-reset token or a sign-in provider's state is the keys' alone: opened each time it comes.</summary>
    [Theory]
    [InlineData("DataProtectorTokenProvider")]
    [InlineData("Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectHandler")]
    public void Any_other_purpose_goes_to_the_keys_every_time(string purpose)
    {
        var keys = new CountingKeys();
        using var remembered = new RememberedProtection(keys, mayRepeat: () => true);
        var protector = remembered.CreateProtector(purpose);
        var token = protector.Protect(_session);
        Assert.NotEqual(token, protector.Protect(_session));
        protector.Unprotect(token);
        protector.Unprotect(token);
        Assert.Equal(2, keys.Protected);
        Assert.Equal(2, keys.Unprotected);
        Assert.Equal(0, remembered.Kept);
    }
}
