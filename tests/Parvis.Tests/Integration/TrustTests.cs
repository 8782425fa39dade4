using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Integration;

/// <summary>The security audit's findings, each tried as the attacker did.</summary>
[Trait("Suite", "integration")]
public sealed partial class TrustTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task A_host_no_organisation_is_configured_for_is_refused_and_no_reset_is_mailed()
    {
        var victim = await app.CreatePersonAsync("Victime d'un faux hôte");
        using var forged = new Session(app.CreateClient(new() { BaseAddress = new Uri("http://attaquant.example"), AllowAutoRedirect = false }));
        var form = await forged.GetAsync("/account/forgot-password");
        Assert.Equal(HttpStatusCode.NotFound, form.Status);
        Assert.Contains("Aucune organisation", form.Body, StringComparison.Ordinal);
        using var genuine = app.NewSession();
        var token = await genuine.TokenAsync();
        var posted = await forged.PostRawAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = victim.Email!, ["__csrf"] = token });
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        await Task.Delay(500);
        Assert.DoesNotContain(app.Mail.Messages, m => m.To.ToString().Contains(victim.Email!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Searches_and_made_up_addresses_keep_nothing_and_a_list_keeps_excerpts_only()
    {
        var (author, _) = await app.SignedInAsync("Autrice d'un long texte");
        var list = $"/processes/{app.World.ProcessSlug}/proposals";
        var posted = await author.PostAsync($"{list}/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Un texte très long pour la liste",
            ["Input.Body"] = string.Concat(Enumerable.Repeat("Une phrase de la proposition qui revient encore. ", 100)),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        var shared = app.Services.GetRequiredService<SharedData>();
        using var visitor = app.NewSession();
        // Each visit fills the list's entry once; a signed-in visit reads it from SharedData, not from the page cache.
        var first = await author.GetAsync(list);
        Assert.Contains("Un texte très long", first.Body, StringComparison.Ordinal);
        var afterList = shared.HeldBytes;
        Assert.True(afterList < 200_000, $"{afterList} bytes held after one list page");
        for (var i = 0; i < 40; i++)
        {
            await author.GetAsync($"{list}?q={new string('x', 150)}{i}");
            await visitor.GetAsync($"/processes/inexistant-{i}");
            await visitor.GetAsync($"/proposals/{Guid.NewGuid()}");
        }
        Assert.True(shared.HeldBytes <= afterList + 4_096, $"{shared.HeldBytes - afterList} more bytes held after searches and made-up addresses");
    }
    [Fact]
    public async Task Signing_in_says_the_same_in_the_same_time_whether_the_address_has_an_account()
    {
        var owner = await app.CreatePersonAsync("Titulaire discrète");
        var unconfirmed = $"{Guid.NewGuid():N}@example.org";
        using (var registering = app.NewSession())
        {
            await registering.PostAsync("/account/register", new Dictionary<string, string>
            {
                ["Input.Pseudonym"] = "Pas encore confirmée", ["Input.Email"] = unconfirmed, ["Input.Password"] = ParvisApp.Password,
            });
        }
        var known = new List<double>();
        var unknown = new List<double>();
        var messages = new HashSet<string>();
        for (var i = 0; i < 8; i++)
        {
            foreach (var (address, times) in new[] { (owner.Email!, known), ($"{Guid.NewGuid():N}@example.org", unknown), (unconfirmed, known) })
            {
                using var visitor = new Session(VisitorClient($"203.0.113.{10 + i}"));
                var form = await visitor.GetAsync("/account/sign-in");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var answer = await visitor.PostRawAsync("/account/sign-in", new Dictionary<string, string>
                {
                    ["Input.Email"] = address, ["Input.Password"] = "pas le bon mot de passe", ["__csrf"] = Token(form),
                });
                times.Add(clock.Elapsed.TotalMilliseconds);
                messages.Add(answer.Text("[role=alert]"));
            }
        }
        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", Assert.Single(messages));
        var (knownMedian, unknownMedian) = (Median(known), Median(unknown));
        AssertAlike(knownMedian, unknownMedian);
    }

    [Fact]
    public async Task Registering_says_the_same_in_the_same_time_and_judges_the_password_before_the_address()
    {
        var owner = await app.CreatePersonAsync("Déjà inscrite");
        var weak = new HashSet<string>();
        foreach (var address in new[] { owner.Email!, $"{Guid.NewGuid():N}@example.org" })
        {
            using var visitor = app.NewSession();
            var answer = await visitor.PostAsync("/account/register", new Dictionary<string, string>
            {
                ["Input.Pseudonym"] = $"Essai {Guid.NewGuid():N}"[..20], ["Input.Email"] = address, ["Input.Password"] = "password2024!",
            });
            weak.Add(answer.Text("#Input_Password-error"));
        }
        Assert.Contains("plus courants", Assert.Single(weak), StringComparison.Ordinal);

        var existing = new List<double>();
        var fresh = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            foreach (var (address, times) in new[] { (owner.Email!, existing), ($"{Guid.NewGuid():N}@example.org", fresh) })
            {
                using var visitor = app.NewSession();
                var form = await visitor.GetAsync("/account/register");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var answer = await visitor.PostRawAsync("/account/register", new Dictionary<string, string>
                {
                    ["Input.Pseudonym"] = $"Inscription {Guid.NewGuid():N}"[..24], ["Input.Email"] = address, ["Input.Password"] = ParvisApp.Password,
                    ["__csrf"] = Token(form),
                });
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Contains("Presque fini", answer.Text("[role=status]"), StringComparison.Ordinal);
            }
        }
        var (existingMedian, freshMedian) = (Median(existing), Median(fresh));
        AssertAlike(existingMedian, freshMedian);
    }

    [Fact]
    public async Task Wrong_passwords_from_a_stranger_are_throttled_without_locking_the_owner_out()
    {
        var owner = await app.CreatePersonAsync("Titulaire visée");
        using var stranger = new Session(VisitorClient("198.51.100.66"));
        var answers = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var answer = await stranger.PostAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = owner.Email!, ["Input.Password"] = i < 11 ? $"mauvais essai {i}" : ParvisApp.Password,
            });
            answers.Add(answer.Text("[role=alert]"));
        }
        Assert.All(answers.Take(10), a => Assert.Equal("Adresse e-mail ou mot de passe incorrect.", a));
        // Even the right password is refused to the stranger once the attempts are used.
        Assert.All(answers.Skip(10), a => Assert.Contains("Trop d'essais", a, StringComparison.Ordinal));
        // The same answer for an address nobody has, so the throttle tells nothing either.
        var nobody = $"{Guid.NewGuid():N}@example.org";
        string last = "";
        for (var i = 0; i < 11; i++)
        {
            last = (await stranger.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = nobody, ["Input.Password"] = "rien du tout" }))
                .Text("[role=alert]");
        }
        Assert.Contains("Trop d'essais", last, StringComparison.Ordinal);

        using var ownerAtHome = new Session(VisitorClient("192.0.2.44"));
        await ownerAtHome.SignInAsync(owner.Email!, ParvisApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await ownerAtHome.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copy_of_its_cookie_too()
    {
        var person = await app.CreatePersonAsync("Personne prudente");
        var jar = new CookieContainer();
        using var browser = new Session(app.CreateDefaultClient(new CookieContainerHandler(jar)));
        await browser.SignInAsync(person.Email!, ParvisApp.Password);
        var copied = jar.GetCookieHeader(app.Server.BaseAddress).Split("; ").First(c => c.StartsWith(KernelSetup.SessionCookie + "=", StringComparison.Ordinal));
        using var thief = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(thief, "/account", copied)).StatusCode);

        var signedOut = await browser.PostAsync("/account/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        var after = await GetWithCookieAsync(thief, "/account", copied);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_are_listed_with_their_device_and_one_ends_another()
    {
        var person = await app.CreatePersonAsync("Personne à deux appareils");
        using var laptop = new Session(VisitorClient("192.0.2.10", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"));
        using var phone = new Session(VisitorClient("192.0.2.11", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"));
        await laptop.SignInAsync(person.Email!, ParvisApp.Password);
        await phone.SignInAsync(person.Email!, ParvisApp.Password);

        var account = await laptop.GetAsync("/account");
        var rows = account.Document.QuerySelectorAll("#sessions ~ table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Firefox, Linux", StringComparison.Ordinal) && r.Contains("cette session", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Chrome, Android", StringComparison.Ordinal));
        Assert.DoesNotContain("192.0.2", account.Body, StringComparison.Ordinal);

        var phoneSession = account.Document.QuerySelectorAll("#sessions ~ table tbody tr")
            .First(r => r.TextContent.Contains("Android", StringComparison.Ordinal))
            .QuerySelector("input[name=session]")!.GetAttribute("value")!;
        var ended = await laptop.PostAsync("/account?handler=EndSession", new Dictionary<string, string> { ["session"] = phoneSession });
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/account")).Status);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account")).Status);

        // Someone else's session cannot be ended by guessing its id.
        var (other, _) = await app.SignedInAsync("Autre personne");
        var othersSession = (await other.GetAsync("/account")).Document.QuerySelector("input[name=session]")!.GetAttribute("value")!;
        await laptop.PostAsync("/account?handler=EndSession", new Dictionary<string, string> { ["session"] = othersSession });
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task An_erased_accounts_other_sessions_end_at_once_without_an_error()
    {
        var person = await app.CreatePersonAsync("Personne qui s'en va");
        using var here = app.NewSession();
        using var elsewhere = app.NewSession();
        await here.SignInAsync(person.Email!, ParvisApp.Password);
        await elsewhere.SignInAsync(person.Email!, ParvisApp.Password);
        var deleted = await here.PostAsync("/account/delete", new Dictionary<string, string> { ["Choice"] = "Remove", ["Password"] = ParvisApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        foreach (var path in new[] { "/account", "/account/contributions", $"/processes/{app.World.ProcessSlug}/proposals/new" })
        {
            var after = await elsewhere.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, after.Status);
            Assert.Contains("/account/sign-in", after.Location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anyone_turns_on_two_step_verification_and_is_then_asked_for_a_code_or_a_recovery_code()
    {
        var person = await app.CreatePersonAsync("Personne en deux étapes");
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        var setup = await session.GetAsync("/account/two-factor");
        var key = setup.Text("#key");
        Assert.Matches("^[a-z2-7]{4}( [a-z2-7]{1,4})+$", key);
        Assert.Equal("image/svg+xml", (await session.Client.GetAsync("/account/two-factor?handler=Qr")).Content.Headers.ContentType?.MediaType);

        // Without the code sent to the mailbox, the right authenticator code is not enough.
        var withoutMail = await session.PostAsync("/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = Authenticators.Code(key), ["EmailCode"] = "123456" });
        Assert.Contains("n'est pas celui du message", withoutMail.Text("#EmailCode-error"), StringComparison.Ordinal);
        var mailed = await MailedCodeAsync(session, person.Email!);
        var wrong = await session.PostAsync("/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = "000000", ["EmailCode"] = mailed });
        Assert.Contains("n'est pas le bon", wrong.Text("#Code-error"), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.Where(p => p.Id == person.Id).Select(p => p.TwoFactorEnabled).SingleAsync()));
        var enabled = await session.PostAsync("/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = Authenticators.Code(key), ["EmailCode"] = mailed });
        var recovery = enabled.Texts(".recovery-codes code").ToList();
        await app.Mail.WaitForAsync(person.Email!, m => m.TextBody?.Contains("a été activée", StringComparison.Ordinal) == true);
        Assert.Equal(10, recovery.Distinct().Count());

        using var later = app.NewSession();
        var first = await later.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password });
        Assert.StartsWith("/account/sign-in/second-step", first.Location, StringComparison.Ordinal);
        // Not signed in yet: the password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await later.GetAsync("/account")).Status);
        var refused = await later.PostAsync(first.Location!, new Dictionary<string, string> { ["Code"] = "123456" });
        Assert.Contains("n'est pas le bon", refused.Text("#Code-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await later.PostAsync(first.Location!, new Dictionary<string, string> { ["Code"] = recovery[0] })).Status);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/account")).Status);

        using var again = app.NewSession();
        var step = (await again.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password })).Location!;
        Assert.Contains("n'est pas le bon", (await again.PostAsync(step, new Dictionary<string, string> { ["Code"] = recovery[0] })).Text("#Code-error"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(step, new Dictionary<string, string> { ["Code"] = Authenticators.Code(key) })).Status);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/account")).Status);
    }

    [Fact]
    public async Task An_authenticator_code_opens_one_session_only()
    {
        var person = await app.CreatePersonAsync("Personne au code rejoué", Role.Moderator, app.World.ClosedProcessId);
        var code = Authenticators.CodeFor(person.Email!)!;
        var answers = new List<Session.Response>();
        foreach (var address in new[] { "192.0.2.70", "192.0.2.71" })
        {
            using var session = new Session(VisitorClient(address));
            var step = (await session.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password })).Location!;
            answers.Add(await session.PostAsync(step, new Dictionary<string, string> { ["Code"] = code }));
        }
        Assert.Equal(HttpStatusCode.Redirect, answers[0].Status);
        Assert.Contains("n'est pas le bon", answers[1].Text("#Code-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessed_codes_at_the_second_step_are_throttled_per_person_whatever_the_address()
    {
        var person = await app.CreatePersonAsync("Personne aux codes devinés", Role.Moderator, app.World.ClosedProcessId);
        string last = "";
        for (var i = 0; i < 11; i++)
        {
            // Each guess from another address, as from a network of machines.
            using var guesser = new Session(VisitorClient($"198.18.0.{i + 1}"));
            var step = (await guesser.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password })).Location!;
            var code = i < 10 ? $"{i:D6}" : Authenticators.CodeFor(person.Email!)!;
            last = (await guesser.PostAsync(step, new Dictionary<string, string> { ["Code"] = code })).Text("#Code-error");
        }
        Assert.Contains("Trop de codes essayés", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_role_acts_only_in_a_session_opened_with_a_second_factor_which_staff_cannot_turn_off()
    {
        var person = await app.CreatePersonAsync("Administratrice sans second facteur");
        await app.WithDatabaseAsync(async db =>
        {
            db.RoleAssignments.Add(new RoleAssignment { PersonId = person.Id, OrganisationId = app.World.OrganisationId, Role = Role.Administrator });
            await db.SaveChangesAsync();
        });
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        var refused = await session.GetAsync("/admin/roles");
        Assert.Equal("/error/403", new Uri(new Uri("http://localhost"), refused.Location).AbsolutePath);
        Assert.Contains("vérification en deux étapes", (await session.GetAsync(refused.Location!)).Text(".notice"), StringComparison.Ordinal);
        Assert.Contains("vérification en deux étapes", (await session.GetAsync("/account")).Text(".notice"), StringComparison.Ordinal);

        var key = (await session.GetAsync("/account/two-factor")).Text("#key");
        var mailed = await MailedCodeAsync(session, person.Email!);
        await session.PostAsync("/account/two-factor?handler=Enable", new Dictionary<string, string> { ["Code"] = Authenticators.Code(key), ["EmailCode"] = mailed });
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/roles")).Status);
        var kept = await session.PostAsync("/account/two-factor?handler=Disable", new Dictionary<string, string> { ["Code"] = Authenticators.Code(key) });
        Assert.Contains("ne peut pas être désactivée", kept.Text("#Code-error"), StringComparison.Ordinal);
        Assert.True(await app.WithDatabaseAsync(db => db.Users.Where(p => p.Id == person.Id).Select(p => p.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task The_operator_turns_off_a_lost_second_factor_from_the_command_line_and_every_session_ends()
    {
        var person = await app.CreatePersonAsync("Modératrice sans téléphone", Role.Moderator, app.World.ClosedProcessId);
        using var session = app.NewSession();
        await session.SignInAsync(person.Email!, ParvisApp.Password);
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = await Parvis.Web.Kernel.Setup.AdminCli.RunAsync(
                Parvis.Web.Kernel.Setup.CommandLine.Parse(["reset-two-factor", "--email", person.Email!]), app.Services);
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.Equal(0, code);
        Assert.Contains("Modératrice sans téléphone", output.ToString(), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.Where(p => p.Id == person.Id).Select(p => p.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account")).Status);
        // Signed in again with the password alone, the staff role waits for a new second factor.
        using var again = app.NewSession();
        var signedIn = await again.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password });
        Assert.Equal("/", signedIn.Location);
        Assert.Contains("vérification en deux étapes", (await again.GetAsync("/account")).Text(".notice"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/é")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_that_is_no_plain_local_path_sends_home_after_signing_in(string returnUrl)
    {
        var person = await app.CreatePersonAsync($"Retour {Guid.NewGuid():N}"[..20]);
        using var session = app.NewSession();
        var answer = await session.PostAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string> { ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password }, "/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal("/", answer.Location);
    }

    [Fact]
    public async Task Staying_signed_in_is_a_choice_not_the_default()
    {
        var person = await app.CreatePersonAsync("Personne de passage");
        foreach (var remember in new[] { false, true })
        {
            using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            var form = await client.GetAsync("/account/sign-in");
            var antiforgery = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(KernelSetup.AntiforgeryCookie, StringComparison.Ordinal)).Split(';')[0];
            var page = await Session.Response.ReadAsync(form);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = person.Email!, ["Input.Password"] = ParvisApp.Password, ["Input.RememberMe"] = remember ? "true" : "false",
                    ["__csrf"] = Token(page),
                }),
            };
            request.Headers.Add("Cookie", antiforgery);
            using var response = await client.SendAsync(request);
            var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(KernelSetup.SessionCookie + "=", StringComparison.Ordinal));
            Assert.Equal(remember, cookie.Contains("expires=", StringComparison.OrdinalIgnoreCase));
        }
    }

    private HttpClient VisitorClient(string address, string? userAgent = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }
        return client;
    }

    /// <summary>Asks for the code that proves the mailbox, and reads it in the message, as its owner would.</summary>
    private async Task<string> MailedCodeAsync(Session session, string email)
    {
        var sent = await session.PostAsync("/account/two-factor?handler=SendCode", new Dictionary<string, string>());
        Assert.NotNull(sent.Document.QuerySelector("#EmailCode"));
        var message = await app.Mail.WaitForAsync(email, m => m.Subject?.Contains("activer la vérification", StringComparison.Ordinal) == true);
        return SixDigits().Match(message.TextBody!).Value;
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();

    private static string Token(Session.Response page) => page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// Within a factor the machine's noise stays under (these machines are shared): before the fix, the two ways
    /// differed twentyfold (no hash checked for an unknown address, no account written for a known one).
    /// </summary>
    private static void AssertAlike(double known, double unknown) =>
        Assert.True(Math.Max(known, unknown) < 2.5 * Math.Min(known, unknown), $"known address {known:F1} ms, unknown {unknown:F1} ms");

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}


/// <summary>Parvis with an operator's chosen default host: any other host is served as it, links included.</summary>
public sealed class DefaultHostApp : ParvisApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Organisations:DefaultHost", "localhost");
    }
}

[Trait("Suite", "integration")]
public sealed partial class DefaultHostTests(DefaultHostApp app) : IClassFixture<DefaultHostApp>
{
    [Fact]
    public async Task A_reset_asked_through_a_forged_host_links_to_the_organisations_own_host()
    {
        var victim = await app.CreatePersonAsync("Victime d'un hôte par défaut");
        using var forged = new Session(app.CreateClient(new() { BaseAddress = new Uri("http://attaquant.example:8080"), AllowAutoRedirect = false }));
        var sent = await forged.PostAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = victim.Email! });
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var message = await app.Mail.WaitForAsync(victim.Email!);
        var link = new Uri(Link().Match(message.TextBody!).Value);
        Assert.Equal("localhost", link.Host);
        Assert.StartsWith("/account/reset", link.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("attaquant", message.TextBody!, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
