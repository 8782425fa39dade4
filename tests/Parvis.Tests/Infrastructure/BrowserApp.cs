using Deque.AxeCore.Commons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Parvis.Web.Demo;

namespace Parvis.Tests.Infrastructure;

/// <summary>
/// Parvis on a real port with the demo organisation, and Debian's Chromium driven by Playwright.
/// Every page a journey visits is checked with axe-core in French and in English.
/// </summary>
public sealed class BrowserApp : ParvisApp
{
    private static readonly string[] _wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly Lazy<string> _axeSource = new(() => new BundledAxeScriptProvider().GetScript());
    private IPlaywright? _playwright;

    /// <summary>
    /// Every page title the journeys met, in each language, with the page it named (its address, its heading and its
    /// first link): no two pages may share one (RGAA 8.6). A page reached by two addresses (a list with or without its
    /// component's id) has the same heading and link under both.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Path, string Main)> _titles = new();

    public BrowserApp() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the server and the browser once for the whole class.</summary>
    public async Task StartBrowserAsync()
    {
        if (_playwright is not null)
        {
            return;
        }
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARVIS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
    }

    /// <summary>A page in its own context (its own cookies); a phone-sized one when a viewport is given.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? phone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, AcceptDownloads = true, ViewportSize = phone, IsMobile = phone is not null, HasTouch = phone is not null,
        });
        // What the content-security policy refuses (an inline style, a script) is lost on the person: each page notes it.
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => (window.parvisRefused ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`))");
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Clicks and waits until a new document has loaded. For a form that posts back to the address it is
    /// on, where waiting for the address would return at once, before the answer has arrived.
    /// </summary>
    public static Task ClickForNewPageAsync(IPage page, ILocator target) => ForNewPageAsync(page, () => target.ClickAsync());

    /// <summary>
    /// Clicks, waits for the next document and checks its address. Waiting for the address alone can miss a
    /// navigation that commits between the check of the current address and the start of the wait.
    /// </summary>
    public static async Task ClickToAsync(IPage page, ILocator target, System.Text.RegularExpressions.Regex address)
    {
        await ClickForNewPageAsync(page, target);
        Xunit.Assert.Matches(address, page.Url);
    }

    /// <summary>
    /// Acts (a click, a key) and waits until the next document has loaded. Waiting for an address instead can miss a
    /// redirect that lands before the wait starts: the page fully loaded, and the wait still runs out.
    /// </summary>
    public static async Task ForNewPageAsync(IPage page, Func<Task> act)
    {
        await page.EvaluateAsync("() => { window.parvisOldPage = true; }");
        await act();
        await page.WaitForFunctionAsync("() => window.parvisOldPage !== true && document.readyState === 'complete'");
        // The browser moves to the address's #fragment (and keyboard focus's starting point with it) at a frame after
        // the load: two frames later, a Tab starts from where a person would.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
    }

    /// <summary>As the demo is run (--demo): it answers on any address, here the server's 127.0.0.1.</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(Parvis.Web.Kernel.Organisations.OrganisationDirectory.DefaultHostSetting, DemoData.Host);
    }

    protected override async Task<TestWorld> SeedAsync()
    {
        await DemoData.SeedIfEmptyAsync(Services);
        return await WithDatabaseAsync(async db =>
        {
            var process = await db.Processes.Include(p => p.Themes).FirstAsync();
            return new TestWorld(process.OrganisationId, process.Id, process.Slug, process.Themes[0].Id, process.Id, process.Slug,
                process.Components.ToDictionary(c => c.Module, c => c.Id));
        });
    }

    /// <summary>Checks the page as it is (French), then the same address in English, then comes back to French.</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        await AssertNoViolationsAsync(page, "fr");
        var french = await ContentLanguagesAsync(page);
        var path = new Uri(page.Url).PathAndQuery;
        await page.GotoAsync($"/language/en?returnUrl={Uri.EscapeDataString(path)}");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await AssertNoViolationsAsync(page, "en");
        // Content is what reads the same in both languages (interface text is translated): its language must not
        // depend on the page's (RGAA 8.7), so a French proposal is lang="fr" on the English page.
        var english = await ContentLanguagesAsync(page);
        var wrong = french.Where(f => english.TryGetValue(f.Key, out var language) && language != f.Value)
            .Select(f => $"\"{f.Key}\" is {f.Value} on the French page and {english[f.Key]} on the English one").ToList();
        Assert.True(wrong.Count == 0, $"content without its lang on {path}: {string.Join(" | ", wrong.Take(5))}");
        await page.GotoAsync($"/language/fr?returnUrl={Uri.EscapeDataString(path)}");
    }

    /// <summary>
    /// Each sentence of the page (four words or more, outside code and addresses) with the language it is read in: that
    /// of its nearest element with a lang attribute. What a field holds is left out (a textarea is being written, an
    /// option may join the interface's words to the content's and cannot hold an element to mark them apart), and so is
    /// what screen readers do not read (aria-hidden).
    /// </summary>
    private static async Task<Dictionary<string, string>> ContentLanguagesAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, string>>("""
            () => {
                const found = {};
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const text = node.nodeValue.replace(/\s+/g, ' ').trim();
                    const parent = node.parentElement;
                    if (!text.includes(' ') || /^(GET )?https?:\/\//.test(text) || (text.match(/\p{L}{2,}/gu) ?? []).length < 4
                        || parent.closest('script, style, code, pre, kbd, samp, textarea, option, [aria-hidden=true]')) {
                        continue;
                    }
                    found[text] = parent.closest('[lang]').getAttribute('lang');
                }
                return found;
            }
            """);

    private async Task AssertNoViolationsAsync(IPage page, string language)
    {
        var title = await page.TitleAsync();
        var path = new Uri(page.Url).AbsolutePath;
        // What a page is, whatever it holds at the moment: its heading, and where its first link leads back to.
        var main = await page.EvaluateAsync<string>("() => (document.querySelector('h1')?.innerText ?? '') + '|' + (document.querySelector('main a')?.getAttribute('href') ?? '')");
        var named = _titles.GetOrAdd($"{language}|{title}", (path, main));
        Assert.True(named.Path == path || named.Main == main, $"the title \"{title}\" [{language}] names two pages: {named.Path} and {path}");
        var refused = await page.EvaluateAsync<string[]>("() => window.parvisRefused ?? []");
        Assert.True(refused.Length == 0, $"the content-security policy refused on {page.Url} [{language}]: {string.Join(" | ", refused)}");
        // An alert shown with nothing in it alarms for no reason (a form's summary when the form is valid).
        var emptyAlerts = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('.alert, [role=alert]')].filter(e => e.getClientRects().length > 0 && e.innerText.trim() === '').length");
        Assert.True(emptyAlerts == 0, $"{emptyAlerts} empty alert(s) shown on {page.Url} [{language}]");
        // axe-core, once per document, run in it directly: the packaged runner opens a blank page for every check to
        // join the frames' results (Parvis's pages have no frames), which took most of the browser suite's time.
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            await page.EvaluateAsync(_axeSource.Value);
        }
        var result = await page.EvaluateAsync<AxeOutcome>("""
            async tags => {
                const found = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return {
                    frames: document.querySelectorAll('iframe, frame').length,
                    passes: found.passes.length,
                    violations: found.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.html).join(' | ')}`),
                };
            }
            """, _wcagTags);
        // A frame's content would not be checked by a run in the page alone.
        Assert.True(result.Frames == 0, $"{page.Url} has frames: check them with axe too");
        Assert.True(result.Passes > 0, $"axe checked nothing on {page.Url}");
        Assert.True(result.Violations.Length == 0, $"axe on {page.Url} [{language}]:\n{string.Join("\n", result.Violations)}");
    }

    private sealed class AxeOutcome
    {
        public int Frames { get; set; }
        public int Passes { get; set; }
        public string[] Violations { get; set; } = [];
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
