using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed partial class TextTests
{
    private static readonly SharedTextLocalizer _text = new();

    [Fact]
    public void A_shared_fragment_drops_the_indentation_between_tags_but_never_inside_pre_or_textarea()
    {
        Assert.Equal("<ol>\n<li>Un avis, bien  écrit</li>\n</ol>",
            SharedFragmentTagHelper.Compact("<ol>\n        <li>Un avis, bien  écrit</li>\r\n    </ol>"));
        const string code = "<pre><code>a\n    b</code></pre>\n    <p>x</p>";
        Assert.Equal(code, SharedFragmentTagHelper.Compact(code));
        const string typed = "<textarea>\n    déjà écrit</textarea>\n    <p>x</p>";
        Assert.Equal(typed, SharedFragmentTagHelper.Compact(typed));
    }

    [Fact]
    public void Markdown_never_lets_html_or_scripts_through()
    {
        var html = new MarkdownRenderer().Render(
            "<script>alert(1)</script> **gras** [lien](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://example.org)").ToString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>gras</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\" rel=\"nofollow ugc noopener\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_nested_deeper_than_markdig_reads_is_shown_as_typed_not_thrown()
    {
        // Quotes in quotes past Markdig's nesting limit, as anyone may type in an amendment.
        var nested = new string('>', 300) + " <b>profond</b>";
        Assert.Throws<ArgumentException>(() => Markdig.Markdown.Parse(nested));
        using var renderer = new MarkdownRenderer();
        var html = renderer.Render(nested).ToString()!;
        Assert.Contains("profond", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("profond", renderer.PlainText(nested), StringComparison.Ordinal);
        Assert.Equal(["Texts.Import.TooDeep"], Parvis.Web.Modules.Texts.TextImport.FromMarkdown("## Article 1\n\n" + nested).Problems.Select(p => p.Key));
    }

    [Theory]
    [InlineData("mobilité vélo", "\"mobilité\"* \"vélo\"*")]
    [InlineData("\"NEAR(a b)\" OR title:x*", "\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"title\"* \"x\"*")]
    [InlineData("  -- ", "")]
    public void Search_words_become_quoted_prefix_terms(string typed, string expected) =>
        Assert.Equal(expected, ProposalSearch.ToFts5Query(typed));

    [Theory]
    [InlineData("Schéma territorial du numérique", "schema-territorial-du-numerique")]
    [InlineData("  Ça va ?! ", "ca-va")]
    [InlineData("???", "item")]
    public void Slugs_are_readable_ascii(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Fact]
    public void Markdown_becomes_plain_paragraphs_for_documents()
    {
        var text = new MarkdownRenderer().PlainText("### Les rencontres\r\n\r\nUn *texte* avec un [lien](https://example.org).\r\nSuite.\n\n\n- un\n- deux");
        Assert.Equal(["Les rencontres", "Un texte avec un lien.\nSuite.", "un\ndeux"], text.Split("\n\n"));
    }

    [Theory]
    [InlineData("Court", 10, "Court")]
    [InlineData("Une phrase un peu longue à couper", 16, "Une phrase un…")]
    public void Excerpts_are_cut_between_words(string text, int max, string expected) => Assert.Equal(expected, Excerpts.Cut(text, max));

    [Theory]
    [InlineData("ab😀cd", 3, "ab")]
    [InlineData("ab😀cd", 4, "ab😀")]
    [InlineData("court", 10, "court")]
    public void A_clip_never_keeps_half_of_a_character_written_as_two(string text, int max, string expected) => Assert.Equal(expected, Excerpts.Clip(text, max));

    public static TheoryData<string> TextFiles() => new(Files());

    /// <summary>Every French file of interface text under src/Parvis.Web (the kernel's in Shared/, each module's in its folder).</summary>
    private static List<string> Files()
    {
        var source = Source();
        return Directory.EnumerateFiles(source, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void The_kernel_and_every_module_have_their_text_files_and_every_english_file_its_french_one()
    {
        var files = Files().ToList();
        Assert.Contains("Shared/SharedText.resx", files);
        foreach (var module in Directory.EnumerateDirectories(Path.Combine(Source(), "Modules")).Select(Path.GetFileName))
        {
            Assert.Contains($"Modules/{module}/{module}Text.resx", files);
        }
        var english = Directory.EnumerateFiles(Source(), "*.en.resx", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Source(), f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal));
        Assert.All(english, f => Assert.Contains(f.Replace(".en.resx", ".resx", StringComparison.Ordinal), files));
    }

    /// <summary>
    /// Pages, lists and the report name each contribution by its kind ("Kind.proposal"), and a mandate's journal each
    /// act (a support, a vote): every kind has its words.
    /// </summary>
    [Fact]
    public void Every_kind_of_contribution_and_act_has_its_name_in_the_interface_text()
    {
        var kinds = typeof(Contribution).Assembly.GetTypes().Where(t => typeof(Parvis.Web.Kernel.Mediation.IPersonAct).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Select(t => ((Parvis.Web.Kernel.Mediation.IPersonAct)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)).ActKind).ToList();
        Assert.Contains("budget-project", kinds);
        Assert.Contains("vote", kinds);
        Assert.All(kinds, kind => Assert.False(_text[$"Kind.{kind}"].ResourceNotFound, $"Kind.{kind} has no text"));
    }

    /// <summary>Mediation's pages name each choice by a key built from its value: every value has its words.</summary>
    [Fact]
    public void Every_mediation_choice_has_its_words()
    {
        string[] keys =
        [
            .. Parvis.Web.Kernel.Mediation.MandateTermsInput.Choices.Select(a => $"Mediation.Allows.{a}"),
            .. Enum.GetValues<Parvis.Web.Kernel.Mediation.MandateDuration>().Select(d => $"Mediation.Duration.{d}"),
            .. Enum.GetValues<Parvis.Web.Kernel.Mediation.ConsentForm>().SelectMany(c => new[] { $"Mediation.Consent.{c}", $"Mediation.ConsentForm.{c}" }),
            .. Enum.GetValues<Parvis.Web.Kernel.Mediation.MediationMode>().SelectMany(m => new[] { $"Mediation.Acting.{m}", $"Mediation.Mode.{m}", $"Mediation.ModeChoice.{m}" }),
            .. Enum.GetValues<Parvis.Web.Kernel.Mediation.MandateState>().Select(s => $"Mediation.State.{s}"),
            .. Enum.GetValues<Parvis.Web.Kernel.Mediation.StructureKind>().Select(k => $"StructureKind.{k}"),
            .. Enum.GetValues<Channel>().Select(c => $"Channel.{c}"),
        ];
        Assert.All(keys, key => Assert.False(_text[key].ResourceNotFound, $"{key} has no text"));
    }

    [Theory]
    [MemberData(nameof(TextFiles))]
    public void French_and_english_texts_have_the_same_keys_and_placeholders(string file)
    {
        var french = Load(file);
        var english = Load(English(file));
        Assert.Equal(french.Keys.Order(), english.Keys.Order());
        foreach (var (key, text) in french)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), key);
            Assert.Equal(Placeholders(text), Placeholders(english[key]));
        }
    }

    [Theory]
    [MemberData(nameof(TextFiles))]
    public void French_text_uses_doublets_not_the_median_point(string file) =>
        Assert.DoesNotContain(Load(file), entry => entry.Value.Contains('·', StringComparison.Ordinal));

    /// <summary>
    /// French typography: a no-break space before the high punctuation and inside guillemets, so that a line never
    /// begins with "?" or ":" (a plain space there is a typing slip; "://" is an address).
    /// </summary>
    [Theory]
    [MemberData(nameof(TextFiles))]
    public void French_text_keeps_high_punctuation_with_its_word(string file) =>
        Assert.DoesNotContain(Load(file), entry => PlainSpaceBeforePunctuation().IsMatch(entry.Value));

    [GeneratedRegex(" [;?!»]| :(?!/)|« ")]
    private static partial Regex PlainSpaceBeforePunctuation();

    [Theory]
    [MemberData(nameof(TextFiles))]
    public void The_localizer_reads_every_text_file_as_written(string file)
    {
        foreach (var (culture, sentences) in new[] { ("fr", Load(file)), ("en", Load(English(file))) })
        {
            var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                Assert.All(sentences, s => Assert.Equal(s.Value, _text[s.Key].Value));
            }
            finally
            {
                (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
            }
        }
    }

    [Fact]
    public void No_text_key_is_defined_in_two_files()
    {
        var twice = Files()
            .SelectMany(f => Load(f).Keys.Select(k => (Key: k, File: f)))
            .GroupBy(e => e.Key)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.File))}");
        Assert.Empty(twice);
    }

    [Fact]
    public void Every_text_key_the_pages_use_exists()
    {
        var keys = Files().SelectMany(f => Load(f).Keys).ToHashSet();
        var missing = Directory.EnumerateFiles(Source(), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .Where(k => !keys.Contains(k))
            .Distinct()
            .ToList();
        Assert.Empty(missing);
    }

    private static string Source() => Path.Combine(RepositoryRoot(), "src", "Parvis.Web");

    /// <summary>"Modules/Proposals/ProposalsText.resx" in English is "Modules/Proposals/ProposalsText.en.resx".</summary>
    private static string English(string file) => file[..^".resx".Length] + ".en.resx";

    /// <summary>A file's sentences, by its path under src/Parvis.Web; a key written twice in it throws.</summary>
    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Source(), file))
            .Root!.Elements("data")
            .ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Parvis.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// T["Key"], Text["Key"], Flash("Key"), ErrorMessage = "Key", Name = "Key", hint="Key", privacy="Key"; not the start
    /// of a key completed by a value (T["Mediation.Acting." + mode]).
    /// </summary>
    [GeneratedRegex("""(?:\bT\[|\bText\[|Flash\(|ErrorMessage = |Display\(Name = |\bhint=|\bprivacy=)"(?<key>[A-Z][A-Za-z]+\.[A-Za-z0-9.]+)"(?!\s*\+)[\],)]?""")]
    private static partial Regex KeyUse();
}
