using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parvis.Web.Kernel.Text;

namespace Parvis.Tests.Unit.Texts;

[Trait("Suite", "unit")]
public sealed class TextImportTests
{
    private static ImportProblem Single(string markdown)
    {
        var import = TextImport.FromMarkdown(markdown);
        Assert.False(import.Ok);
        return Assert.Single(import.Problems);
    }

    [Fact]
    public void The_deepest_heading_level_marks_articles_and_the_shallower_ones_sections()
    {
        var import = TextImport.FromMarkdown("""
            # Titre I : Principes

            ## Article 1
            Les habitants sont associés aux décisions.

            ## Article 2
            Toute personne peut proposer.

            # Titre II
            ## Article 3
            Le conseil répond.
            """);

        Assert.True(import.Ok);
        Assert.Equal(
            [
                new("Titre I : Principes", "Article 1", "Les habitants sont associés aux décisions."),
                new("Titre I : Principes", "Article 2", "Toute personne peut proposer."),
                new("Titre II", "Article 3", "Le conseil répond."),
            ],
            import.Articles);
    }

    [Fact]
    public void Open_sections_are_joined_and_a_new_section_closes_the_deeper_ones()
    {
        var import = TextImport.FromMarkdown("""
            # Titre I
            ## Chapitre 2
            ### Article 1
            Un.
            ### Article 2
            Deux.
            # Titre II
            ### Article 3
            Trois.
            """);

        Assert.True(import.Ok);
        Assert.Equal(["Titre I › Chapitre 2", "Titre I › Chapitre 2", "Titre II"], import.Articles.Select(a => a.Section));
        Assert.Equal(["Article 1", "Article 2", "Article 3"], import.Articles.Select(a => a.Heading));
    }

    [Fact]
    public void With_one_heading_level_every_heading_is_an_article_without_section()
    {
        var import = TextImport.FromMarkdown("## Préambule\nNous, habitants.\n\nArticle premier\n---------------\n\nLe texte *s'applique*.");

        Assert.True(import.Ok);
        Assert.Equal([new("", "Préambule", "Nous, habitants."), new("", "Article premier", "Le texte *s'applique*.")], import.Articles);
    }

    [Fact]
    public void A_body_is_the_Markdown_as_written_and_a_heading_its_text_without_markup()
    {
        const string body = "Le conseil **décide** :\r\n\r\n- de voter ;\r\n- d'agir.\r\n\r\n> Cité : `art. 2`.\r\n\r\n1. premier\r\n2. second";
        var import = TextImport.FromMarkdown($"# L'article *premier* &amp; `unique`  #\r\n\r\n{body}\r\n\r\n\r\n# Article 2\r\nFin.\r\n");

        Assert.True(import.Ok);
        Assert.Equal([new("", "L'article premier & unique", body), new("", "Article 2", "Fin.")], import.Articles);
    }

    [Theory]
    [InlineData("", "Texts.Import.Empty", 0, "")]
    [InlineData("Un texte sans titre.\n\n- ni article", "Texts.Import.Empty", 0, "")]
    [InlineData("# Article 1\n\n# Article 2\nTexte.", "Texts.Import.EmptyArticle", 1, "Article 1")]
    [InlineData("# Article  1\nUn.\n\n# article 1\nDeux.", "Texts.Import.DuplicateHeading", 4, "article 1")]
    [InlineData("# ÉTAT des lieux\nUn.\n\n#  État   des **lieux**\nDeux.", "Texts.Import.DuplicateHeading", 4, "État des lieux")]
    [InlineData("#\nUn texte sans titre.\n\n# Article 2\nDeux.", "Texts.Import.EmptyHeading", 1, "Un texte sans titre.")]
    // Two headings are the same article when versions would match them as one (a Kelvin sign lowers to k).
    [InlineData("# Article \u212A\nUn.\n\n# Article k\nDeux.", "Texts.Import.DuplicateHeading", 4, "Article k")]
    public void Each_problem_names_its_line_and_what_is_at_fault(string markdown, string key, int line, string excerpt)
    {
        Assert.Equal(new ImportProblem(key, line, excerpt), Single(markdown));
    }

    [Fact]
    public void Text_outside_articles_is_reported_once_per_stretch_with_its_line()
    {
        var import = TextImport.FromMarkdown("""
            Préambule des habitants.

            Second paragraphe.

            # Titre I

            Ce titre traite de la participation.

            ## Article 1
            Un.
            """);

        Assert.Equal(
            [
                new("Texts.Import.TextBeforeFirstArticle", 1, "Préambule des habitants."),
                new("Texts.Import.TextBeforeFirstArticle", 7, "Ce titre traite de la participation."),
            ],
            import.Problems);
        Assert.Equal([new("Titre I", "Article 1", "Un.")], import.Articles);
    }

    [Fact]
    public void Sizes_are_bounded_and_excerpts_cut_to_80_characters()
    {
        var heading = new string('h', TextImport.HeadingMax + 1);
        var problem = Single($"# Article 1\nUn.\n\n# {heading}\nDeux.");
        Assert.Equal(("Texts.Import.HeadingTooLong", 4), (problem.Key, problem.Line));
        Assert.Equal(new string('h', 79) + "…", problem.Excerpt);

        var section = new string('s', 160);
        problem = Single($"# {section}\n## {section}\n### Article 1\nUn.");
        Assert.Equal(("Texts.Import.HeadingTooLong", 2), (problem.Key, problem.Line));

        Assert.Equal(new ImportProblem("Texts.Import.BodyTooLong", 3, "Article 2"),
            Single($"# Article 1\nUn.\n# Article 2\n{new string('x', TextImport.BodyMax + 1)}"));
        Assert.True(TextImport.FromMarkdown($"# Article 1\n{new string('x', TextImport.BodyMax)}").Ok);

        var many = string.Concat(Enumerable.Range(1, TextImport.MostArticles + 1).Select(n => $"# Article {n}\nTexte.\n"));
        Assert.Equal(new ImportProblem("Texts.Import.TooManyArticles", 2 * TextImport.MostArticles + 1, $"Article {TextImport.MostArticles + 1}"), Single(many));

        Assert.Equal(new ImportProblem("Texts.Import.TooLong", 0, ""), Single(new string('#', TextImport.MostArticles * TextImport.BodyMax + 1)));
    }

    [Fact]
    public void Every_problem_is_reported_up_to_twenty()
    {
        var import = TextImport.FromMarkdown("Avant.\n# A\n# A\n# B\nTexte.");
        Assert.Equal(["Texts.Import.TextBeforeFirstArticle", "Texts.Import.EmptyArticle", "Texts.Import.EmptyArticle", "Texts.Import.DuplicateHeading"],
            import.Problems.Select(p => p.Key));
        Assert.Equal(3, import.Articles.Count);

        Assert.Equal(20, TextImport.FromMarkdown(string.Concat(Enumerable.Range(1, 30).Select(n => $"# Vide {n}\n"))).Problems.Count);
    }

    [Fact]
    public void A_Word_file_is_read_by_its_heading_styles_and_lists()
    {
        var docx = Docx(
            Paragraph("Titre I", style: "Heading1"),
            Paragraph("Article 1", style: "Heading2"),
            new Paragraph(Run("Le conseil "), Run("décide ", bold: true), Run(":")),
            Item("de voter ;"),
            Item("d'agir, *vite*."),
            Paragraph(""),
            Paragraph("Article 2", style: "Titre2"),
            new Paragraph(Run("Texte "), Run("libre", italic: true), Run(" en [1] #2.")),
            Paragraph("1. Pas une liste."),
            new Paragraph(new ParagraphProperties(new OutlineLevel { Val = 0 }), Run("Titre II")),
            Paragraph("Article 3", style: "ArticleCharte"),
            Paragraph("Fin."),
            Paragraph("puce par son style", style: "Puce"));

        const string expected = """
            # Titre I

            ## Article 1

            Le conseil **décide** :

            - de voter ;
            - d'agir, \*vite\*.

            ## Article 2

            Texte *libre* en \[1\] #2.

            1\. Pas une liste.

            # Titre II

            ## Article 3

            Fin.

            - puce par son style
            """;
        Assert.Equal(expected, TextImport.DocxToMarkdown(new MemoryStream(docx)));

        var import = TextImport.FromDocx(new MemoryStream(docx));
        Assert.True(import.Ok);
        Assert.Equal(
            [
                new("Titre I", "Article 1", "Le conseil **décide** :\n\n- de voter ;\n- d'agir, \\*vite\\*."),
                new("Titre I", "Article 2", "Texte *libre* en \\[1\\] #2.\n\n1\\. Pas une liste."),
                new("Titre II", "Article 3", "Fin.\n\n- puce par son style"),
            ],
            import.Articles);
    }

    [Fact]
    public void A_file_that_is_no_Word_file_too_big_or_a_zip_bomb_is_refused_whole()
    {
        static string Refusal(byte[] file) =>
            Assert.Throws<UploadRefusedException>(() => TextImport.FromDocx(new MemoryStream(file))).Key;

        Assert.Equal(UploadRefusedException.Unreadable, Refusal("# Ceci est du Markdown, pas un DOCX."u8.ToArray()));
        Assert.Equal(UploadRefusedException.TooBig, Refusal(new byte[TextImport.DocxBytes + 1]));
        // A list level or an outline level that is no number.
        Assert.Equal(UploadRefusedException.Unreadable, Refusal(Docx(new Paragraph(
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = new DocumentFormat.OpenXml.Int32Value { InnerText = "x" } }, new NumberingId { Val = 1 })), Run("Un point")))));
        Assert.Equal(UploadRefusedException.Unreadable, Refusal(Docx(new Paragraph(
            new ParagraphProperties(new OutlineLevel { Val = new DocumentFormat.OpenXml.Int32Value { InnerText = "99999999999" } }), Run("Un titre")))));

        // A body of one letter repeated compresses a thousandfold: the file is small, its part is not.
        byte[] bomb;
        using (var buffer = new MemoryStream())
        {
            using (var original = new ZipArchive(new MemoryStream(Docx(Paragraph("Article 1", style: "Heading1")))))
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in original.Entries.Where(e => e.FullName != "word/document.xml"))
                {
                    using var from = entry.Open();
                    using var to = zip.CreateEntry(entry.FullName).Open();
                    from.CopyTo(to);
                }
                using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
                writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>");
                var letters = new string('a', 1024 * 1024);
                for (var written = 0L; written <= TextImport.UnzippedBytes; written += letters.Length)
                {
                    writer.Write(letters);
                }
                writer.Write("</w:t></w:r></w:p></w:body></w:document>");
            }
            bomb = buffer.ToArray();
        }
        Assert.InRange(bomb.Length, 0, TextImport.DocxBytes);
        Assert.Equal(UploadRefusedException.Unzipped, Refusal(bomb));
    }

    private static Run Run(string text, bool bold = false, bool italic = false) =>
        new(new RunProperties { Bold = bold ? new Bold() : null, Italic = italic ? new Italic() : null }, new Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve });

    private static Paragraph Paragraph(string text, string? style = null) =>
        new(new ParagraphProperties { ParagraphStyleId = style is null ? null : new ParagraphStyleId { Val = style } }, Run(text));

    private static Paragraph Item(string text) =>
        new(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })), Run(text));

    /// <summary>
    /// A Word file whose built-in styles are named only by their ids (Heading2 from Word in English, Titre2 in French), and
    /// with two styles of its own: an article heading by the outline level of the style it is based on, a bulleted paragraph.
    /// </summary>
    private static byte[] Docx(params Paragraph[] paragraphs)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs));
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                new Style(new StyleParagraphProperties(new OutlineLevel { Val = 1 })) { StyleId = "Intertitre", Type = StyleValues.Paragraph },
                new Style(new BasedOn { Val = "Intertitre" }) { StyleId = "ArticleCharte", Type = StyleValues.Paragraph },
                new Style(new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = 2 }))) { StyleId = "Puce", Type = StyleValues.Paragraph });
        }
        return buffer.ToArray();
    }
}
