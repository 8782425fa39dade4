using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;

namespace Parvis.Tests.Browser;

/// <summary>The core journeys in Chromium, each page checked with axe in French and English.</summary>
[Trait("Suite", "browser")]
public sealed partial class JourneyTests(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.StartBrowserAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_visitor_reads_the_demo_process()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await app.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("#main", await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Schéma territorial du numérique" }).First.ClickAsync();
        Assert.Contains("Quai 9", await page.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator(".timeline li").CountAsync());
        await app.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { NameRegex = VoirLesPropositions() }).ClickAsync();
        Assert.True(await page.Locator(".card").CountAsync() >= 6);
        await app.AssertAccessibleAsync(page);

        await page.FillAsync("#q", "covoiturage");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex("q=covoiturage"), page.Url);
        Assert.Equal(1, await page.Locator(".card").CountAsync());
        await page.Locator(".card h2 a").ClickAsync();
        Assert.Contains("Groix", await page.TextContentAsync(".comments"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);

        // The demo's meetings: five cafés already held (what each said, attendance), the round table to come.
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Réunions publiques et tables rondes" }).ClickAsync();
        await app.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Numérique, danger ou opportunité ? Réunions publiques dans cinq lieux" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby=sites] li.card")).ToHaveCountAsync(5);
        await Expect(page.Locator("section[aria-labelledby=remarks]")).ToContainTextAsync("horaires du bateau");
        await app.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Comment savoir si un site est une arnaque ?" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby=answer]")).ToContainTextAsync("Cybermalveillance.gouv.fr");
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/questions");
        await app.AssertAccessibleAsync(page);

        // The demo's opinion map is computed at start: its groups are there on the first visit.
        var demoMap = await app.WithDatabaseAsync(db => db.OpinionMaps.Where(m => m.Question == "Le numérique dans nos vies : qu'en pensez-vous ?").Select(m => m.Id).SingleAsync());
        await page.GotoAsync($"/maps/{demoMap}");
        await Expect(page.Locator("main")).ToContainTextAsync("Groupe A");
        await Expect(page.Locator("main")).ToContainTextAsync("Groupe B");
        await app.AssertAccessibleAsync(page);

        // Open data, from the footer: each dataset explained, with its chart, its columns in words and its files.
        await page.GetByRole(AriaRole.Link, new() { Name = "Données ouvertes", Exact = true }).ClickAsync();
        await app.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Propositions", Exact = true }).ClickAsync();
        await Expect(page.Locator("table.chart tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("Combien de personnes la soutiennent.");
        await app.AssertAccessibleAsync(page);

        foreach (var path in new[]
        {
            "/charter", "/privacy", "/moderation", "/account/sign-in", "/account/forgot-password", "/nowhere", "/open-data/api",
            "/open-data/meetings-sites", $"/processes/{app.World.ProcessSlug}/open-data", "/meetings", "/meetings?place=Lorient&process=nulle-part",
            $"/processes/{app.World.ProcessSlug}/feedback",
        })
        {
            await page.GotoAsync(path);
            await app.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task The_accessibility_check_finds_a_fault_and_a_frame_it_cannot_see_into()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/charter");
        await page.EvaluateAsync("() => document.querySelector('main').append(Object.assign(document.createElement('img'), { src: '/favicon.ico' }))");
        var fault = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => app.AssertAccessibleAsync(page));
        Assert.Contains("image-alt", fault.Message, StringComparison.Ordinal);

        await page.GotoAsync("/charter");
        await page.EvaluateAsync("() => document.querySelector('main').append(Object.assign(document.createElement('iframe'), { title: 'Cadre' }))");
        var frame = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => app.AssertAccessibleAsync(page));
        Assert.Contains("has frames", frame.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_registers_confirms_proposes_with_the_keyboard_supports_and_comments()
    {
        var page = await app.NewPageAsync();
        var email = $"{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/account/register");
        await app.AssertAccessibleAsync(page);
        await page.ClickAsync("button[type=submit]");
        Assert.True(await page.Locator(".field-error").CountAsync() >= 3);
        await app.AssertAccessibleAsync(page);

        await page.FillAsync("#Input_Pseudonym", "Lorientaise");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", ParvisApp.Password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator("[role=status]").WaitForAsync();

        var message = await app.Mail.WaitForAsync(email);
        var link = LinkPattern().Match(message.TextBody!).Value;
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await app.AssertAccessibleAsync(page);
        await page.ClickAsync("main button[type=submit]");
        await page.Locator("[role=status]").WaitForAsync();

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", ParvisApp.Password);
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal(app.BaseUrl + "/", page.Url);

        // Writing the proposal with the keyboard only.
        await page.GotoAsync($"/processes/{app.World.ProcessSlug}/proposals");
        await TabToAsync(page, "a[href$='/proposals/new']");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex("/proposals/new$"), page.Url);
        await app.AssertAccessibleAsync(page);
        await TabToAsync(page, "#Input_Title");
        await page.Keyboard.TypeAsync("Des bancs le long des quais");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Pour que les personnes âgées puissent se reposer en marchant vers le port.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "main button[type=submit]");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex("/proposals/[0-9a-f-]{36}$"), page.Url);
        Assert.Equal("Des bancs le long des quais", await page.TextContentAsync("h1"));
        await app.AssertAccessibleAsync(page);

        await TabToAsync(page, "form[action*=Support] button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("text=Vous soutenez cette proposition.").WaitForAsync();
        Assert.Contains("1 soutien", await page.TextContentAsync("#support"), StringComparison.Ordinal);

        await TabToAsync(page, "#CommentBody");
        await page.Keyboard.TypeAsync("Et quelques abris contre la pluie !");
        await TabToAsync(page, "form:has(#CommentBody) button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".comment", new() { HasText = "abris contre la pluie" }).WaitForAsync();
        await app.AssertAccessibleAsync(page);

        // Replying: the link under the comment opens its form there; Tab from the link's target reaches the field.
        await TabToAsync(page, ".comment a[href*='reply=']");
        await Infrastructure.BrowserApp.ForNewPageAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Matches(new Regex(@"\?reply=[0-9a-f-]{36}#reply$"), page.Url);
        await app.AssertAccessibleAsync(page);
        await TabToAsync(page, ".comment textarea[name=CommentBody]");
        await page.Keyboard.TypeAsync("Des abris, oui, avec des bancs dessous.");
        await TabToAsync(page, ".comment form button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".comment .comment", new() { HasText = "avec des bancs dessous" }).WaitForAsync();
    }

    [Fact]
    public async Task A_moderator_hides_a_comment_and_it_shows_in_the_moderation_log()
    {
        var moderator = await app.CreatePersonAsync("Modératrice CDPL", Role.Moderator);
        var page = await app.NewPageAsync();
        await SignInAsync(page, moderator.Email!);
        var proposal = await app.WithDatabaseAsync(db => db.Proposals.FirstAsync(p => p.Title == "Créer un réseau local de covoiturage"));
        await page.GotoAsync($"/proposals/{proposal.Id}");
        await page.Locator(".comment").First.GetByRole(AriaRole.Link, new() { Name = "Masquer" }).First.ClickAsync();
        await app.AssertAccessibleAsync(page);
        await page.ClickAsync("main button[type=submit]");
        Assert.Equal(1, await page.Locator("#Reason-error").CountAsync());
        await page.FillAsync("#Reason", "Hors sujet selon la charte");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("main button[type=submit]"), new Regex($"/proposals/{proposal.Id}"));
        Assert.Contains("Hors sujet selon la charte", await page.TextContentAsync(".comments"), StringComparison.Ordinal);

        await page.GotoAsync("/moderation");
        Assert.Contains("Hors sujet selon la charte", await page.TextContentAsync("tbody"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
        await page.GotoAsync("/admin");
        await app.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_person_downloads_their_data_and_deletes_their_account()
    {
        var person = await app.CreatePersonAsync("Partira bientôt");
        var page = await app.NewPageAsync();
        await SignInAsync(page, person.Email!);
        await page.GotoAsync("/account");
        await app.AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Télécharger mes données (JSON)" }).ClickAsync());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
        {
            Assert.Equal("Partira bientôt", json.RootElement.GetProperty("account").GetProperty("Pseudonym").GetString());
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Supprimer mon compte et mes données" }).ClickAsync();
        await app.AssertAccessibleAsync(page);
        await page.CheckAsync("#choice-anonymise");
        await page.FillAsync("#Password", ParvisApp.Password);
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main button[type=submit]"));
        Assert.Equal(app.BaseUrl + "/", page.Url);
        Assert.Contains("Votre compte est supprimé.", await page.TextContentAsync("[role=status]"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == person.Id)));
    }

    [Fact]
    public async Task The_staff_pages_are_accessible_and_work_without_javascript()
    {
        var admin = await app.CreatePersonAsync("Administratrice CDPL", Role.Administrator);
        var page = await app.NewPageAsync();
        await SignInAsync(page, admin.Email!);
        var proposal = await app.WithDatabaseAsync(db => db.Proposals.FirstAsync(p => p.Title == "Déployer des tiers-lieux numériques"));
        foreach (var path in new[]
        {
            "/admin", "/admin/organisation", "/admin/roles", "/admin/audit", "/admin/processes/edit",
            $"/admin/processes/edit/{app.World.ProcessId}", $"/admin/processes/{app.World.ProcessId}/phases",
            $"/proposals/{proposal.Id}/answer", $"/admin/moderate/{proposal.Id}", $"/flag/{proposal.Id}",
            "/account/notifications", "/account/notifications/settings", $"/processes/{app.World.ProcessSlug}/journal",
            $"/processes/{app.World.ProcessSlug}/feedback", "/design", "/admin/population", $"/processes/{app.World.ProcessSlug}/who-took-part",
            $"/processes/{app.World.ProcessSlug}/about-you", "/account/mandates",
        })
        {
            await page.GotoAsync(path);
            Assert.Equal(path.Split('?')[0], new Uri(page.Url).AbsolutePath);
            await app.AssertAccessibleAsync(page);
        }

        await page.GotoAsync($"/proposals/{proposal.Id}/answer");
        await page.SelectOptionAsync("#Status", "Accepted");
        await page.FillAsync("#Answer", "Le Conseil de développement retient cette proposition dans son avis.");
        await Infrastructure.BrowserApp.ClickToAsync(page, page.Locator("main button[type=submit]"), new Regex($"/proposals/{proposal.Id}$"));
        Assert.Contains("retient cette proposition", await page.TextContentAsync("section.card"), StringComparison.Ordinal);
        await app.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_manager_chooses_the_tools_of_a_process_with_the_keyboard()
    {
        var process = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var created = ParvisApp.NewProcess(app.World.OrganisationId, "outils-au-clavier",
                new Web.Kernel.Processes.Phase { Title = "Rencontres", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(9) });
            db.Processes.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        var manager = await app.CreatePersonAsync("Gestionnaire des outils", Role.ProcessManager);
        var page = await app.NewPageAsync();
        await SignInAsync(page, manager.Email!);
        await page.GotoAsync($"/admin/processes/edit/{process.Id}");

        var workshops = page.GetByRole(AriaRole.Group, new() { Name = "Ateliers" });
        await workshops.GetByRole(AriaRole.Checkbox, new() { NameRegex = UseThisTool() }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        var meetings = page.GetByRole(AriaRole.Group, new() { Name = "Réunions et questions aux experts", Exact = true });
        await meetings.GetByRole(AriaRole.Textbox, new() { Name = "Titre affiché" }).FillAsync("Les cafés-débats");
        await meetings.GetByRole(AriaRole.Spinbutton).FillAsync("1");
        // Meetings serve a process twice: a second set, with a title of its own.
        var more = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Un autre outil «\\s*Réunions") });
        await more.GetByRole(AriaRole.Checkbox).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await more.GetByRole(AriaRole.Textbox, new() { Name = "Titre affiché" }).FillAsync("Les permanences");
        // The process is published: the change goes into its public journal, with its reason.
        await page.Locator("form[action*='handler=Components']").GetByRole(AriaRole.Textbox, new() { Name = "Pourquoi ce changement ?" })
            .FillAsync("Les ateliers et les permanences demandés à la première réunion.");
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les outils" }));
        await Expect(page.Locator("p.notice")).ToContainTextAsync("outils de la démarche sont enregistrés");
        await app.AssertAccessibleAsync(page);

        await page.GotoAsync($"/processes/{process.Slug}");
        await Expect(page.Locator("#participate ~ h3").First).ToHaveTextAsync("Les cafés-débats");
        await Expect(page.Locator("#participate ~ h3", new() { HasText = "Les permanences" })).ToHaveCountAsync(1);
        await Expect(page.Locator($"a[href='/processes/{process.Slug}/workshops']")).ToHaveCountAsync(0);
        await app.AssertAccessibleAsync(page);
        Assert.Equal(404, (await page.GotoAsync($"/processes/{process.Slug}/workshops"))!.Status);
    }

    [Fact]
    public async Task On_a_phone_the_navigation_folds_into_a_menu_that_opens_by_keyboard_without_script()
    {
        var phone = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/");
        var header = await phone.Locator("header.site-header").BoundingBoxAsync();
        Assert.True(header!.Height < 100, $"the header takes {header.Height} px of a phone's 844");
        var signIn = phone.GetByRole(AriaRole.Link, new() { Name = "Se connecter" });
        await Expect(signIn).ToBeHiddenAsync();
        await phone.GetByText("Menu", new() { Exact = true }).FocusAsync();
        await phone.Keyboard.PressAsync("Enter");
        await Expect(signIn).ToBeVisibleAsync();
        await app.AssertAccessibleAsync(phone);

        var laptop = await app.NewPageAsync(new ViewportSize { Width = 1280, Height = 800 });
        await laptop.GotoAsync("/");
        await Expect(laptop.GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await Expect(laptop.GetByText("Menu", new() { Exact = true })).ToBeHiddenAsync();
        var row = await laptop.Locator("header.site-header").BoundingBoxAsync();
        Assert.True(row!.Height < 80, $"the header wraps to {row.Height} px on a laptop");
    }

    /// <summary>
    /// The pages a newcomer meets, at a phone's, a laptop's and a projector's size, measured in the browser: nothing wider
    /// than the screen (no sideways scrolling), nothing under the header, and the main heading in the first screenful.
    /// </summary>
    [Fact]
    public async Task The_pages_a_newcomer_meets_fit_a_phone_a_laptop_and_a_wide_screen()
    {
        var proposal = await app.WithDatabaseAsync(db => db.Proposals.FirstAsync(p => p.Title == "Créer un réseau local de covoiturage"));
        var meeting = await app.WithDatabaseAsync(db => db.Meetings.OrderBy(m => m.StartsAt).FirstAsync());
        string[] paths = ["/", $"/processes/{app.World.ProcessSlug}", $"/processes/{app.World.ProcessSlug}/fates", $"/proposals/{proposal.Id}", $"/meetings/{meeting.Id}", "/meetings"];
        foreach (var (width, height) in new[] { (390, 844), (1280, 800), (1920, 1080) })
        {
            var page = await app.NewPageAsync(new ViewportSize { Width = width, Height = height });
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                var layout = await page.EvaluateAsync<double[]>("""
                    () => {
                        const header = document.querySelector('header.site-header').getBoundingClientRect();
                        // What scrolls inside its own frame (a wide table) is measured by its frame.
                        const framed = e => { for (let p = e.parentElement; p && p.tagName !== 'MAIN'; p = p.parentElement) {
                            if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
                        const widest = Math.max(0, ...[...document.querySelectorAll('main *')].filter(e => !framed(e) && e.getClientRects().length > 0)
                            .map(e => e.getBoundingClientRect().right));
                        return [document.documentElement.scrollWidth, widest, header.bottom,
                            document.querySelector('main').getBoundingClientRect().top, document.querySelector('h1').getBoundingClientRect().top];
                    }
                    """);
                var (scrollWidth, widest, headerBottom, mainTop, headingTop) = (layout[0], layout[1], layout[2], layout[3], layout[4]);
                Assert.True(scrollWidth <= width, $"{path} at {width}x{height} scrolls sideways ({scrollWidth} px)");
                Assert.True(widest <= width + 0.5, $"{path} at {width}x{height} has content out to {widest} px");
                Assert.True(mainTop >= headerBottom, $"{path} at {width}x{height}: the content starts under the header");
                Assert.True(headingTop < height / 2.0, $"{path} at {width}x{height}: the heading is {headingTop} px down");
            }
        }
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", ParvisApp.Password);
        // Waits for the next document itself: waiting for the address could miss a redirect that lands before it starts
        // (seen here: the home page fully loaded, and the wait still ran out).
        await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main button[type=submit]"));
        // Staff type the code their authenticator shows.
        if (page.Url.Contains("/account/sign-in/second-step", StringComparison.Ordinal))
        {
            await page.FillAsync("#Code", Authenticators.CodeFor(email) ?? throw new InvalidOperationException($"{email} has no authenticator in the tests."));
            await Infrastructure.BrowserApp.ClickForNewPageAsync(page, page.Locator("main button[type=submit]"));
        }
        if (!Regex.IsMatch(page.Url, "^[^?]*/$"))
        {
            // Say where the browser stayed and what the page said, so a failure in CI explains itself.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 2_000 });
            throw new InvalidOperationException($"Sign-in of {email} did not reach the home page; still at {page.Url}: {said}");
        }
    }

    /// <summary>Presses Tab until the element is focused: proves it can be reached with the keyboard.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} cannot be reached with the Tab key.");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("^Voir les propositions")]
    private static partial Regex VoirLesPropositions();

    [GeneratedRegex("^Utiliser cet outil")]
    private static partial Regex UseThisTool();
}
