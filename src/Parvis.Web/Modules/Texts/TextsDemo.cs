using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.People;

namespace Parvis.Web.Modules.Texts;

/// <summary>
/// The demo's collaborative text: a charter of citizen participation for the pays de Lorient, written from the seeds'
/// demands (accessible places, plain language, answers to every contribution). Version 1 was voted on and amended;
/// version 2 integrated two amendments, each change with its reason; an association speaks as such.
/// </summary>
internal static class TextsDemo
{
    private const string Version1 = """
        # Titre I – Principes

        ## Article 1 – Objet

        La présente charte fixe les règles de la participation des habitants et des habitantes aux décisions du pays de Lorient.

        ## Article 2 – Accès de tous et de toutes

        Chaque démarche prévoit un moyen de participer sans ordinateur.

        # Titre II – Engagements

        ## Article 3 – Réponse aux contributions

        Le conseil répond aux contributions les plus soutenues.

        ## Article 4 – Langage clair

        Les documents de chaque démarche sont rédigés dans un langage clair.
        """;

    public static void Seed(DemoProcess demo)
    {
        var component = demo.Use(TextsModule.Key);
        demo.Phases[0].SwitchOn(component, TextsModule.Voting);
        demo.Phases[0].SwitchOn(component, TextsModule.Amending);
        var (db, process, people) = (demo.Db, demo.Process, demo.People);
        var now = DateTimeOffset.UtcNow;
        var text = new CollaborativeText
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, CreatedAt = now.AddDays(-30), Version = 2,
            Title = "Charte de la participation citoyenne du pays de Lorient",
            Introduction = "Cette charte dit comment les habitants et les habitantes sont associés aux décisions. Votez sur chaque article (**d'accord**, **mitigé**, **pas d'accord**), argumentez, proposez une nouvelle rédaction ou un nouvel article.",
            PlainSummary = "Une charte, ce sont des règles. Ici, les règles pour que chacun et chacune puisse donner son avis. Dites si vous êtes d'accord avec chaque règle.",
        };
        db.CollaborativeTexts.Add(text);
        var first = TextImport.FromMarkdown(Version1).Articles;
        var v1 = first.Select((a, i) => new TextArticle { TextId = text.Id, Version = 1, Position = i, Section = a.Section, Heading = a.Heading, Body = a.Body }).ToList();
        v1.ForEach(a => a.LineageId = a.Id);
        db.TextVersions.Add(new TextVersion { TextId = text.Id, Number = 1, PublishedAt = now.AddDays(-28), Note = "Le projet soumis à la consultation." });
        db.TextArticles.AddRange(v1);

        var voice = people[3 % people.Count];
        db.OrganisationVoices.Add(new OrganisationVoice
        {
            PersonId = voice.Id, OrganisationId = process.OrganisationId, Name = "Association Lorient Numérique Solidaire", Kind = VoiceKind.Association,
            Interests = "Association de médiation numérique, financée en partie par l'agglomération.", VerifiedAt = now.AddDays(-27),
        });
        Amendment Amend(TextArticle article, int author, string wording, string reason) => new()
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text.Id, Version = 1, ArticleId = article.Id,
            AuthorId = people[author % people.Count].Id, CreatedAt = now.AddDays(-25 + author), Wording = wording, Reason = reason,
        };
        var access = Amend(v1[1], 3, "Chaque démarche prévoit un moyen de participer sans ordinateur, dans un lieu accessible, avec l'aide d'un médiateur ou d'une médiatrice numérique.",
            "Treize millions de personnes sont éloignées du numérique : un formulaire papier ne suffit pas, il faut un accompagnement.");
        var answer = Amend(v1[2], 1, "Le conseil répond publiquement à chaque contribution, en disant ce qu'elle est devenue.",
            "Les participants et les participantes ne savent pas ce que deviennent leurs avis.");
        var plain = Amend(v1[3], 2, "Les documents sont rédigés en langage clair et résumés en « facile à lire et à comprendre ».", "Pour les personnes qui ont du mal à lire.");
        var proposed = new Amendment
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text.Id, Version = 2, AfterLineageId = v1[3].LineageId,
            AuthorId = people[0].Id, CreatedAt = now.AddDays(-2), Heading = "Article 5 – Lieux de participation",
            Wording = "Des permanences de participation se tiennent dans les tiers-lieux et les médiathèques.", Reason = "Aller là où sont les habitants.",
        };
        db.Amendments.AddRange(access, answer, plain, proposed);

        // Staff prepare the next version from the current one: the draft is version 2's text.
        text.Draft = Version1
            .Replace("Chaque démarche prévoit un moyen de participer sans ordinateur.", access.Wording)
            .Replace("Le conseil répond aux contributions les plus soutenues.", "Le conseil répond publiquement à chaque contribution, en disant ce qu'elle est devenue, au plus tard trois mois après la fin de la démarche.");
        var second = TextImport.FromMarkdown(text.Draft).Articles;
        var v2 = second.Select((a, i) => new TextArticle { TextId = text.Id, Version = 2, Position = i, Section = a.Section, Heading = a.Heading, Body = a.Body, LineageId = v1[i].LineageId }).ToList();
        db.TextVersions.Add(new TextVersion { TextId = text.Id, Number = 2, PublishedAt = now.AddDays(-10), Note = "Deux articles modifiés à la suite de la consultation." });
        db.TextArticles.AddRange(v2);
        var changes = new[]
        {
            new TextChange { TextId = text.Id, Version = 2, Position = 0, Kind = ArticleChange.Changed, LineageId = v1[1].LineageId, Heading = v1[1].Heading,
                Reason = "L'amendement de l'association, le plus soutenu, est repris : un accompagnement humain s'ajoute au moyen sans ordinateur." },
            new TextChange { TextId = text.Id, Version = 2, Position = 1, Kind = ArticleChange.Changed, LineageId = v1[2].LineageId, Heading = v1[2].Heading,
                Reason = "Répondre à chaque contribution est repris ; un délai de trois mois est ajouté pour que l'engagement soit vérifiable." },
        };
        db.TextChanges.AddRange(changes);
        db.TextChangeLinks.AddRange(new TextChangeLink { ChangeId = changes[0].Id, ContributionId = access.Id }, new TextChangeLink { ChangeId = changes[1].Id, ContributionId = answer.Id });
        (access.Outcome, access.OutcomeVersion, answer.Outcome, answer.OutcomeVersion, plain.Outcome, plain.OutcomeVersion) =
            (AmendmentOutcome.Integrated, 2, AmendmentOutcome.IntegratedInPart, 2, AmendmentOutcome.NotRetained, 2);
        demo.Decide(access, Fate.Answered, changes[0].Reason);
        demo.Decide(answer, Fate.Answered, changes[1].Reason);
        demo.Decide(plain, Fate.NotRetained, "Le résumé « facile à lire et à comprendre » est déjà prévu pour chaque démarche par la charte d'accessibilité de l'agglomération.");

        db.TextArguments.AddRange(
            new TextArgument { OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text.Id, ArticleId = v2[1].Id, AuthorId = people[1 % people.Count].Id,
                CreatedAt = now.AddDays(-8), Side = ArgumentSide.For, Text = "Ma mère n'a pas d'ordinateur : sans quelqu'un pour l'aider, elle ne participe pas." },
            new TextArgument { OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text.Id, ArticleId = v2[1].Id, AuthorId = people[2 % people.Count].Id,
                CreatedAt = now.AddDays(-7), Side = ArgumentSide.Against, Text = "Un médiateur dans chaque démarche coûte cher aux petites communes." },
            new TextArgument { OrganisationId = process.OrganisationId, ProcessId = process.Id, TextId = text.Id, ArticleId = v1[1].Id, AmendmentId = access.Id, AuthorId = people[0].Id,
                CreatedAt = now.AddDays(-24), Side = ArgumentSide.For, Text = "C'est ce qui manque aujourd'hui dans les démarches en ligne." });
        var opinions = new[] { Opinion.Agree, Opinion.Agree, Opinion.Mixed, Opinion.Disagree };
        foreach (var (article, shift) in v2.Select((a, i) => (a, i)))
        {
            db.TextVotes.AddRange(people.Take(4).Select((p, i) => new TextVote { SubjectId = article.Id, PersonId = p.Id, TextId = text.Id, Opinion = opinions[(i + shift) % opinions.Length], VotedAt = now.AddDays(-5) }));
        }
        db.TextVotes.AddRange(people.Take(3).Select(p => new TextVote { SubjectId = proposed.Id, PersonId = p.Id, TextId = text.Id, Opinion = Opinion.Agree, VotedAt = now.AddDays(-1) }));
    }
}
