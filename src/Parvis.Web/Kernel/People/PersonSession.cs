using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.People;

/// <summary>
/// A signed-in session, held on the server: a session cookie is honoured only while its row exists, so signing out,
/// ending a session from the account page or erasing the account ends it at once, even for a copy of the cookie.
/// </summary>
public sealed class PersonSession
{
    public const int DeviceMax = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }

    /// <summary>Browser and system, as the person would name them ("Firefox, Linux"): never the full user agent or the address.</summary>
    public string Device { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Kept after the browser closes ("remember me").</summary>
    public bool Persistent { get; set; }
}

/// <summary>Opens, checks and ends sessions. Which sessions are alive is kept per node until any session ends on any node.</summary>
public sealed class Sessions(ContentChanges changes, TimeProvider clock, IServiceScopeFactory scopes)
{
    /// <summary>The claim of the session cookie that names its session.</summary>
    public const string ClaimType = "parvis:session";

    /// <summary>The claim (RFC 8176's "amr", authentication methods) of a session opened with a second factor.</summary>
    public const string MethodsClaimType = "amr";
    public const string SecondFactorMethod = "mfa";

    /// <summary>As long as a session cookie lasts (KernelSetup): a session unused for longer ends.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromDays(14);

    /// <summary>Sessions a person may have open at once; signing in again ends the least recently used beyond.</summary>
    public const int MaxPerPerson = 30;

    /// <summary>A session's last use is written at most this often.</summary>
    private static readonly TimeSpan _lastSeenEvery = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _alive = new();
    private long _generation = -1;

    /// <summary>Signs the person in on a new session of this browser; <paramref name="secondFactor"/> when they gave one.</summary>
    public async Task SignInAsync(HttpContext context, Person person, bool persistent, bool secondFactor)
    {
        var now = clock.GetUtcNow();
        var session = new PersonSession
        {
            PersonId = person.Id, Device = DeviceOf(context.Request.Headers.UserAgent.ToString()),
            CreatedAt = now, LastSeenAt = now, Persistent = persistent,
        };
        // Its own context and commands: a session's row is all each writes (see ChangeInterceptor).
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
            db.PersonSessions.Add(session);
            await db.SaveChangesAsync(context.RequestAborted);
            // For the retention purge only (someone who signs in keeps their account, warned or not): no page shows it,
            // so no node need drop anything it keeps.
            using (ContentChanges.ToldByCaller())
            {
                await db.Users.Where(p => p.Id == person.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.LastSignInAt, now).SetProperty(p => p.RetentionWarnedAt, (DateTimeOffset?)null), context.RequestAborted);
            }
            // A person's sessions are few: those long unused, and those beyond the most recent, end here.
            var idleSince = now - IdleLimit;
            await db.PersonSessions.Where(s => s.PersonId == person.Id && s.LastSeenAt < idleSince).ExecuteDeleteAsync(context.RequestAborted);
            var kept = await db.PersonSessions.Where(s => s.PersonId == person.Id).OrderByDescending(s => s.LastSeenAt)
                .Skip(MaxPerPerson).Select(s => s.Id).ToListAsync(context.RequestAborted);
            if (kept.Count > 0)
            {
                await db.PersonSessions.Where(s => kept.Contains(s.Id)).ExecuteDeleteAsync(context.RequestAborted);
            }
        }
        await IssueAsync(context, person, session.Id, persistent, secondFactor);
    }

    /// <summary>The cookie of a session, issued again when the session gains a second factor.</summary>
    public static Task IssueAsync(HttpContext context, Person person, Guid session, bool persistent, bool secondFactor)
    {
        Claim[] claims = secondFactor
            ? [new Claim(ClaimType, session.ToString()), new Claim(MethodsClaimType, SecondFactorMethod)]
            : [new Claim(ClaimType, session.ToString())];
        return context.RequestServices.GetRequiredService<SignInManager<Person>>()
            .SignInWithClaimsAsync(person, new AuthenticationProperties { IsPersistent = persistent }, claims);
    }

    /// <summary>
    /// The cookie of the current session, issued again as it was (persistence, and the second factor unless told)
    /// after a change of the security stamp that would otherwise end it (two-step verification on or off, a provider
    /// unlinked).
    /// </summary>
    public static async Task RefreshAsync(HttpContext context, Person person, bool? secondFactor = null)
    {
        var current = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (IdOf(current.Principal) is { } session)
        {
            await IssueAsync(context, person, session, current.Properties?.IsPersistent == true, secondFactor ?? HasSecondFactor(current.Principal));
        }
    }

    public static bool HasSecondFactor(ClaimsPrincipal? principal) => principal?.HasClaim(MethodsClaimType, SecondFactorMethod) == true;

    /// <summary>Ends one of the person's sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> EndAsync(ParvisDbContext db, Guid personId, Guid sessionId)
    {
        var ended = await db.PersonSessions.Where(s => s.Id == sessionId && s.PersonId == personId).ExecuteDeleteAsync();
        _alive.TryRemove(sessionId, out _);
        return ended > 0;
    }

    /// <summary>Ends every session of the person but <paramref name="kept"/> (none kept when null).</summary>
    public static Task<int> EndOthersAsync(ParvisDbContext db, Guid personId, Guid? kept) =>
        db.PersonSessions.Where(s => s.PersonId == personId && s.Id != kept).ExecuteDeleteAsync();

    /// <summary>The session the request's cookie names, if any.</summary>
    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>Whether the cookie's session is still open; notes its use now and then.</summary>
    public async Task<bool> IsAliveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (IdOf(principal) is not { } id || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            return false;
        }
        var generation = changes.GenerationOf(ChangeKind.Sessions);
        if (Interlocked.Exchange(ref _generation, generation) != generation)
        {
            _alive.Clear();
        }
        var now = clock.GetUtcNow();
        if (_alive.TryGetValue(id, out var seen) && now - seen < _lastSeenEvery)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        var lastSeen = await db.PersonSessions.Where(s => s.Id == id && s.PersonId == personId)
            .Select(s => (DateTimeOffset?)s.LastSeenAt).FirstOrDefaultAsync(cancellationToken);
        if (lastSeen is null)
        {
            return false;
        }
        // Unused for as long as a cookie lasts: whatever cookie still names it is a copy that outlived its browser.
        if (now - lastSeen > IdleLimit)
        {
            await db.PersonSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            return false;
        }
        if (now - lastSeen >= _lastSeenEvery)
        {
            await db.PersonSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            lastSeen = now;
        }
        // Kept only if no session ended meanwhile, on any node: this one may be it.
        if (changes.GenerationOf(ChangeKind.Sessions) == generation)
        {
            _alive[id] = lastSeen.Value;
        }
        return true;
    }

    /// <summary>Refuses a cookie whose session has ended; called on every signed-in request before anything else.</summary>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        if (context.Principal is { } principal && await sessions.IsAliveAsync(principal, context.HttpContext.RequestAborted))
        {
            return true;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return false;
    }

    /// <summary>"Firefox, Linux": enough for a person to recognise their devices, too little to follow them.</summary>
    internal static string DeviceOf(string userAgent)
    {
        static string? First(string text, params string[] names) => names.FirstOrDefault(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
        var browser = First(userAgent, "Edg", "OPR", "Firefox", "Chrome", "Safari") switch
        {
            "Edg" => "Edge",
            "OPR" => "Opera",
            { } name => name,
            null => null,
        };
        var system = First(userAgent, "Android", "iPhone", "iPad", "Windows", "Mac OS", "CrOS", "Linux") switch
        {
            "Mac OS" => "macOS",
            "CrOS" => "ChromeOS",
            { } name => name,
            null => null,
        };
        var device = string.Join(", ", new[] { browser, system }.Where(p => p is not null));
        return Excerpts.Clip(device, PersonSession.DeviceMax);
    }
}
