using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

/// <summary>The person's own page: what we hold about them, the download of it all, their sessions and sign-out everywhere.</summary>
public sealed class IndexModel(UserManager<Person> people, PersonalData personalData, Sessions sessions, ParvisDbContext db, Authorizer authorizer,
    ExternalProviders providers, Kernel.Organisations.CurrentOrganisation organisation) : ParvisPageModel
{
    /// <summary>The providers linked to the account, and those that could be.</summary>
    public IReadOnlyList<(ExternalProvider Provider, bool Linked)> Providers { get; private set; } = [];

    /// <summary>A link may be removed while another way to sign in remains.</summary>
    public bool CanUnlink { get; private set; }

    /// <summary>A staff role held but idle in this session, for lack of a second factor.</summary>
    public bool LacksSecondFactor { get; private set; }

    public Person Person { get; private set; } = default!;

    /// <summary>The person's open sessions, the most recently used first.</summary>
    public IReadOnlyList<PersonSession> OpenSessions { get; private set; } = [];

    public Guid? CurrentSession => Sessions.IdOf(User);

    /// <summary>Whether they mediate for a structure: their desk is then a link away.</summary>
    public bool Mediates { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Person = (await people.GetUserAsync(User))!;
        LacksSecondFactor = await authorizer.LacksSecondFactorAsync();
        var logins = await people.GetLoginsAsync(Person);
        Providers = providers.All.Select(p => (p, logins.Any(l => l.LoginProvider == p.Scheme))).ToList();
        CanUnlink = Person.PasswordHash is not null || logins.Count > 1;
        OpenSessions = (await db.PersonSessions.AsNoTracking().Where(s => s.PersonId == Person.Id).ToListAsync())
            .OrderByDescending(s => s.LastSeenAt).ToList();
        Mediates = await db.Mediators.AnyAsync(m => m.PersonId == Person.Id && m.OrganisationId == organisation.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        var person = (await people.GetUserAsync(User))!;
        var json = await personalData.ExportAsync(person, HttpContext.RequestAborted);
        return File(json, "application/json", $"parvis-{Slugs.From(person.Pseudonym, PersonRules.PseudonymMax)}-{DateTime.UtcNow:yyyy-MM-dd}.json");
    }

    /// <summary>Every other session of the person ends at once, on every node; this one goes on.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await Sessions.EndOthersAsync(db, PersonId, Sessions.IdOf(User));
        Flash("Account.SignOutEverywhere.Done");
        return RedirectToPage();
    }

    /// <summary>Removes a provider's link, unless it is the only way left to sign in.</summary>
    public async Task<IActionResult> OnPostUnlinkAsync(string provider)
    {
        var person = (await people.GetUserAsync(User))!;
        var logins = await people.GetLoginsAsync(person);
        if (logins.FirstOrDefault(l => l.LoginProvider == provider) is { } login && (person.PasswordHash is not null || logins.Count > 1))
        {
            await people.RemoveLoginAsync(person, login.LoginProvider, login.ProviderKey);
            await Sessions.RefreshAsync(HttpContext, person);
            Flash("Account.External.Unlinked", login.ProviderDisplayName ?? provider);
        }
        return RedirectToPage();
    }

    /// <summary>Ends one of the person's sessions (a phone lost, a library's computer).</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(Guid session)
    {
        var ended = await sessions.EndAsync(db, PersonId, session);
        Flash(ended ? "Account.Sessions.Ended" : "Account.Sessions.AlreadyEnded");
        return session == Sessions.IdOf(User) ? LocalRedirect("/") : RedirectToPage();
    }

    private Guid PersonId => Guid.Parse(people.GetUserId(User)!);
}
