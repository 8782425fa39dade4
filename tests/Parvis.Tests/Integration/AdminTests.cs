using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Integration;

[Trait("Suite", "integration")]
public sealed class AdminTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    private static Dictionary<string, string> ProcessForm(string title) => new()
    {
        ["Input.Title"] = title, ["Input.Summary"] = "Un résumé.", ["Input.PlainSummary"] = "", ["Input.Description"] = "",
        ["Input.Territory"] = "", ["Input.Published"] = "true",
    };

    [Fact]
    public async Task A_process_manager_creates_a_process_with_phases_and_themes()
    {
        var (manager, _) = await app.SignedInAsync("Gestionnaire", Role.ProcessManager);
        var empty = await manager.PostAsync("/admin/processes/edit", ProcessForm(""));
        Assert.Contains("obligatoire", empty.Text("#Input_Title-error"), StringComparison.Ordinal);

        var created = await manager.PostAsync("/admin/processes/edit", ProcessForm("Budget participatif 2027"));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = Guid.Parse(created.Location!.Split('/')[^1]);
        var edit = $"/admin/processes/edit/{id}";
        // A new process uses no tool until staff choose them.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{edit}?handler=Components", new Dictionary<string, string>
        {
            ["Components[0].Module"] = ProposalsModule.Key, ["Components[0].Enabled"] = "true", ["Components[0].Title"] = "", ["Components[0].Position"] = "1",
            ["Change.Reason"] = "Les propositions ouvrent la démarche.",
        }, edit)).Status);

        // The phase form offers the switches of the component in use, as a browser would post them.
        var phaseForm = await manager.GetAsync($"/admin/processes/{id}/phases");
        string Switch(string key) => phaseForm.Document.QuerySelectorAll("input[name='Input.Switches']").Select(i => i.GetAttribute("value")!)
            .Single(v => v.StartsWith(key + "/", StringComparison.Ordinal));
        var phase = new Dictionary<string, string>
        {
            ["Input.Title"] = "Dépôt des idées", ["Input.Description"] = "", ["Input.StartsOn"] = "2027-01-01", ["Input.EndsOn"] = "2027-01-31",
            ["Input.Switches[0]"] = Switch(ProposalsModule.Proposing), ["Input.Switches[1]"] = Switch(ProposalsModule.Commenting),
            ["Change.Reason"] = "Le calendrier voté en conseil.",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"/admin/processes/{id}/phases", phase)).Status);
        var backwards = await manager.PostAsync($"/admin/processes/{id}/phases", new Dictionary<string, string>(phase)
        {
            ["Input.Title"] = "À l'envers", ["Input.StartsOn"] = "2027-03-10", ["Input.EndsOn"] = "2027-03-01",
        });
        Assert.Contains("suivre le premier", backwards.Text("#Input_EndsOn-error"), StringComparison.Ordinal);
        Assert.Equal("À l'envers", backwards.Document.QuerySelector("#Input_Title")!.GetAttribute("value"));
        // "Never ends" typed as the calendar's last day: the form would have failed to open ever after.
        var endless = await manager.PostAsync($"/admin/processes/{id}/phases", new Dictionary<string, string>(phase)
        {
            ["Input.Title"] = "Sans fin", ["Input.StartsOn"] = "2027-04-01", ["Input.EndsOn"] = "9999-12-31",
        });
        Assert.Equal("Choisissez une date entre 2000 et 2200.", endless.Text("#Input_EndsOn-error"));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/admin/processes/{id}/phases")).Status);
        var overlapping = await manager.PostAsync($"/admin/processes/{id}/phases", new Dictionary<string, string>(phase)
        {
            ["Input.Title"] = "Chevauchement", ["Input.StartsOn"] = "2027-01-15", ["Input.EndsOn"] = "2027-02-15",
        });
        Assert.Contains("chevauchent", overlapping.Text("[role=alert]"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostAsync($"{edit}?handler=AddTheme", new Dictionary<string, string> { ["ThemeName"] = "Écoles", ["Change.Reason"] = "Demandé en réunion." }, edit)).Status);
        var duplicate = await manager.PostAsync($"{edit}?handler=AddTheme", new Dictionary<string, string> { ["ThemeName"] = "écoles", ["Change.Reason"] = "Encore." }, edit);
        Assert.Contains("existe déjà", duplicate.Text("#ThemeName-error"), StringComparison.Ordinal);

        var process = await app.WithDatabaseAsync(db => db.Processes.Include(p => p.Phases).Include(p => p.Themes).AsNoTracking().FirstAsync(p => p.Id == id));
        Assert.Equal("budget-participatif-2027", process.Slug);
        Assert.Equal(["Dépôt des idées"], process.Phases.Select(p => p.Title));
        Assert.Equal([ProposalsModule.Key], process.Components.Where(c => c.Enabled).Select(c => c.Module));
        var proposals = process.Component(ProposalsModule.Key)!;
        Assert.Equal([ProposalsModule.Commenting, ProposalsModule.Proposing], process.Phases[0].Switches.Order().Select(s => s.Split('/')[0]));
        Assert.True(process.Phases[0].IsOn(proposals, ProposalsModule.Proposing));
        Assert.False(process.Phases[0].IsOn(proposals, ProposalsModule.Supporting));
        Assert.Equal(["Écoles"], process.Themes.Select(t => t.Name));
        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "process.create" && a.Subject == $"process:{id}")));
    }

    [Fact]
    public async Task Participants_and_moderators_cannot_create_processes()
    {
        var (participant, _) = await app.SignedInAsync("Pas gestionnaire");
        Assert.Equal(HttpStatusCode.Redirect, (await participant.GetAsync("/admin/processes/edit")).Status);
        var (moderator, _) = await app.SignedInAsync("Modératrice seule", Role.Moderator);
        var token = await moderator.TokenAsync();
        var response = await moderator.PostRawAsync("/admin/processes/edit", new Dictionary<string, string>(ProcessForm("Interdite")) { ["__csrf"] = token });
        Assert.StartsWith("http://localhost/error/403", response.Location, StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Processes.AnyAsync(p => p.Title == "Interdite")));
    }

    [Fact]
    public async Task An_administrator_gives_and_removes_roles_but_never_the_last_administrator()
    {
        var (admin, adminPerson) = await app.SignedInAsync("Administratrice", Role.Administrator);
        var future = await app.CreatePersonAsync("Future modératrice");
        var unknown = await admin.PostAsync("/admin/roles?handler=Grant", new Dictionary<string, string> { ["Pseudonym"] = "Personne inconnue", ["Role"] = "Moderator" });
        Assert.Contains("Personne n'a ce pseudonyme", unknown.Text("#Pseudonym-error"), StringComparison.Ordinal);

        var granted = await admin.PostAsync("/admin/roles?handler=Grant", new Dictionary<string, string>
        {
            ["Pseudonym"] = "Future modératrice", ["Role"] = "Moderator", ["ProcessId"] = app.World.ProcessId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, granted.Status);
        var assignment = await app.WithDatabaseAsync(db => db.RoleAssignments.AsNoTracking().FirstAsync(r => r.PersonId == future.Id));
        Assert.Equal(app.World.ProcessId, assignment.ProcessId);

        var admins = await app.WithDatabaseAsync(db => db.RoleAssignments.AsNoTracking()
            .Where(r => r.OrganisationId == app.World.OrganisationId && r.Role == Role.Administrator && r.ProcessId == null).ToListAsync());
        // Removing a role asks again: sent without the confirmation, it changes nothing and says so.
        var slip = await admin.PostAsync("/admin/roles?handler=Revoke", new Dictionary<string, string> { ["assignmentId"] = assignment.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, slip.Status);
        Assert.Contains("Rien n'a été fait", (await admin.GetAsync(slip.Location!)).Text(".notice"), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == assignment.Id)));
        foreach (var other in admins.Where(a => a.PersonId != adminPerson.Id))
        {
            await admin.PostAsync("/admin/roles?handler=Revoke", new Dictionary<string, string> { ["assignmentId"] = other.Id.ToString(), ["confirmed"] = "true" });
        }
        var mine = admins.Single(a => a.PersonId == adminPerson.Id);
        var last = await admin.PostAsync("/admin/roles?handler=Revoke", new Dictionary<string, string> { ["assignmentId"] = mine.Id.ToString(), ["confirmed"] = "true" });
        Assert.Contains("dernier administrateur", last.Text("[role=alert]"), StringComparison.Ordinal);

        var audit = await admin.GetAsync("/admin/audit");
        Assert.Contains(audit.Texts("tbody tr"), row => row.Contains("role.grant", StringComparison.Ordinal) && row.Contains("Administratrice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_accent_colour_too_light_for_white_is_refused()
    {
        var (admin, _) = await app.SignedInAsync("Graphiste", Role.Administrator);
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Conseil de test", ["Input.AccentColour"] = "#ffcc00", ["Input.DefaultCulture"] = "fr", ["Input.Charter"] = "Soyez **courtois**.",
            ["Change.Reason"] = "La charte dit désormais l'essentiel en une phrase.",
        };
        var refused = await admin.PostAsync("/admin/organisation", form);
        Assert.Contains("trop claire", refused.Text("#Input_AccentColour-error"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/organisation", new Dictionary<string, string>(form) { ["Input.AccentColour"] = "#7a1f5c" })).Status);
        using var visitor = app.NewSession();
        var css = await visitor.Client.GetStringAsync(new Uri("/organisation.css", UriKind.Relative));
        Assert.Contains("--accent:#7a1f5c", css, StringComparison.Ordinal);
        await admin.PostAsync("/admin/organisation", new Dictionary<string, string>(form) { ["Input.AccentColour"] = "#1d4f91" });
    }

    [Fact]
    public async Task An_administrator_sets_a_logo_that_every_page_shows_and_only_a_small_png_or_jpeg_is_taken()
    {
        var (admin, _) = await app.SignedInAsync("Administratrice du logo", Role.Administrator);
        const string page = "/admin/organisation";
        // A PNG named as a GIF is taken for what it is; a GIF, a text or an oversized image is refused with why, next to the field.
        var gif = "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray();
        var refused = await admin.PostFileAsync($"{page}?handler=Logo", "logo", "logo.gif", gif, page);
        Assert.Contains("PNG ou JPEG", refused.Text("#logo-error"), StringComparison.Ordinal);
        // The settings form, not sent, keeps its values and shows no error.
        Assert.Empty(refused.Document.QuerySelectorAll("form:not([enctype]) .field-error"));
        Assert.False(string.IsNullOrEmpty(refused.Document.QuerySelector("#Input_Name")!.GetAttribute("value")));
        var huge = new byte[Web.Kernel.Organisations.OrganisationLogo.BytesMax + 1];
        _png.CopyTo(huge, 0);
        Assert.Contains("200 Ko", (await admin.PostFileAsync($"{page}?handler=Logo", "logo", "logo.png", huge, page)).Text("#logo-error"), StringComparison.Ordinal);
        Assert.Null(await app.WithDatabaseAsync(db => db.Organisations.Where(o => o.Id == app.World.OrganisationId).Select(o => o.LogoVersion).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFileAsync($"{page}?handler=Logo", "logo", "logo.gif", _png, page)).Status);
        using var visitor = app.NewSession();
        var logo = (await visitor.GetAsync("/")).Document.QuerySelector("header .brand img")!;
        // The name follows in words, so the image itself says nothing.
        Assert.Equal("", logo.GetAttribute("alt"));
        using var served = await visitor.Client.GetAsync(new Uri(logo.GetAttribute("src")!, UriKind.Relative));
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", served.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var remove = await admin.PostAsync($"{page}?handler=RemoveLogo", new Dictionary<string, string>(), page);
        Assert.Equal(HttpStatusCode.Redirect, remove.Status);
        Assert.Null((await visitor.GetAsync("/")).Document.QuerySelector("header .brand img"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Client.GetAsync(new Uri("/organisation/logo", UriKind.Relative))).StatusCode);
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.OrganisationLogos.CountAsync()));
    }

    [Fact]
    public async Task The_design_page_shows_the_components_to_staff_with_the_tokens_the_stylesheet_defines()
    {
        using var visitor = app.NewSession();
        Assert.Contains("/account/sign-in", (await visitor.GetAsync("/design")).Location, StringComparison.Ordinal);
        var (participant, _) = await app.SignedInAsync("Curieuse du style");
        Assert.Contains("/error/403", (await participant.GetAsync("/design")).Location, StringComparison.Ordinal);

        var (moderator, _) = await app.SignedInAsync("Modératrice du style", Role.Moderator);
        var page = await moderator.GetAsync("/design");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var parts = page.Document.QuerySelectorAll("main section[aria-labelledby^='design-'] h2").Select(h => h.Id).ToList();
        Assert.Equal(["design-tokens", "design-text", "design-buttons", "design-badges", "design-alerts", "design-forms", "design-cards", "design-tables",
            "design-navigation", "design-steps"], parts);
        // The page's colour list is the stylesheet's: a token changed in one place only would make the page lie.
        var css = await visitor.Client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative));
        Assert.All(Web.Pages.DesignModel.Colours, c => Assert.Contains($"--{c.Name}: {c.Hex};", css, StringComparison.Ordinal));
        // The accent's contrast, French style.
        Assert.Matches("^[0-9]+,[0-9]\u00a0: 1$", page.Document.QuerySelector("section[aria-labelledby=design-tokens] tbody tr td:nth-child(3)")!.TextContent);
    }

    /// <summary>A one-pixel PNG.</summary>
    private static readonly byte[] _png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Every_page_names_an_icon_that_is_served()
    {
        using var visitor = app.NewSession();
        var home = await visitor.GetAsync("/");
        var href = home.Document.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        using var icon = await visitor.Client.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}
