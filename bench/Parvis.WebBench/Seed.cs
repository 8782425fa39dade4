using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Parvis.WebBench;

/// <summary>
/// A national-scale process written straight into PostgreSQL (after Parvis has created its schema): 20,000
/// participants, 10,000 proposals in ten themes, 100,000 supports, 50,000 comments, counts kept as Parvis keeps them.
/// Ids are derived from numbers (md5) so the harness can name any row. The first <see cref="Signers"/> people
/// have no support yet: they are the ones who post supports during the ingestion run.
/// </summary>
public static class Seed
{
    public const int People = 20_000;
    public const int Proposals = 10_000;
    public const int Supports = 100_000;
    public const int Comments = 50_000;
    public const int Signers = 200;
    public const string Slug = "consultation-nationale";
    public const string Password = "banc d'essai de Parvis";

    public static string PersonEmail(int i) => $"participant{i}@bench.parvis.test";

    public static async Task RunAsync(string connection)
    {
        // One hash for everyone (Parvis's own hasher and settings): sign-in costs what it costs in production.
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await ExecuteAsync(db, """
            INSERT INTO kernel_organisations ("Id", "AccentColour", "Charter", "CreatedAt", "DefaultCulture", "Name", "Slug")
            VALUES (md5('org')::uuid, '#1d4ed8', 'Soyez courtois.', now(), 'fr', 'République de Parvis', 'parvis');
            INSERT INTO kernel_organisation_hosts ("Host", "OrganisationId") VALUES ('127.0.0.1', md5('org')::uuid), ('localhost', md5('org')::uuid);
            INSERT INTO kernel_processes ("Id", "ClosedWithoutFate", "CreatedAt", "Description", "OrganisationId",
                "PlainSummary", "Published", "Slug", "Summary", "Territory", "Title")
            VALUES (md5('process')::uuid, 0, now(), 'Une consultation **nationale** : proposez, soutenez, commentez.', md5('org')::uuid,
                'Donnez votre avis sur le pays de demain.', true, 'consultation-nationale', 'Le pays de demain, avec vous.', 'France',
                'Consultation nationale : le pays de demain');
            INSERT INTO kernel_phases ("Id", "Description", "EndsOn", "ProcessId", "StartsOn", "Switches", "Title")
            VALUES (md5('phase')::uuid, 'Propositions, soutiens et commentaires.', current_date + 30, md5('process')::uuid, current_date - 30,
                (SELECT string_agg(s || '/' || md5('component')::uuid, ' ') FROM unnest(ARRAY['proposals.commenting', 'proposals.proposing', 'proposals.supporting']) s)
                    || ' petitions.signing/' || md5('petitions component')::uuid || ' surveys.answering/' || md5('surveys component')::uuid
                    || ' texts.voting/' || md5('texts component')::uuid,
                'Contributions');
            INSERT INTO kernel_components ("Id", "Enabled", "Module", "Position", "ProcessId", "Switches", "Title")
            VALUES (md5('component')::uuid, true, 'proposals', 1, md5('process')::uuid, '', ''),
                (md5('votes component')::uuid, true, 'votes', 2, md5('process')::uuid, '', ''),
                (md5('petitions component')::uuid, true, 'petitions', 3, md5('process')::uuid, '', ''),
                (md5('surveys component')::uuid, true, 'surveys', 4, md5('process')::uuid, '', ''),
                (md5('texts component')::uuid, true, 'texts', 5, md5('process')::uuid, '', '');
            INSERT INTO kernel_themes ("Id", "Name", "Position", "ProcessId")
            SELECT md5('theme' || t)::uuid, (ARRAY['Mobilité','Santé','Éducation','Logement','Travail','Environnement','Culture','Numérique','Sécurité','Démocratie'])[t + 1], t, md5('process')::uuid
            FROM generate_series(0, 9) t;
            """);
        await ExecuteAsync(db, $"""
            INSERT INTO kernel_people ("Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAt", "Email", "EmailConfirmed", "LockoutEnabled",
                "NormalizedEmail", "NormalizedUserName", "PasswordHash", "PhoneNumberConfirmed", "Pseudonym", "SecurityStamp", "TwoFactorEnabled", "UserName")
            SELECT md5('person' || i)::uuid, 0, md5('c' || i), now(), 'participant' || i || '@bench.parvis.test', true, true,
                upper('participant' || i || '@bench.parvis.test'), upper('participant' || i || '@bench.parvis.test'), @hash, false,
                'Participant ' || i, upper(md5('s' || i)), false, 'participant' || i || '@bench.parvis.test'
            FROM generate_series(0, {People - 1}) i;
            """, ("hash", hash));
        await ExecuteAsync(db, $"""
            INSERT INTO kernel_contributions ("Id", "AuthorId", "Channel", "CreatedAt", "OrganisationId", "ProcessId")
            SELECT md5('proposal' || i)::uuid, md5('person' || (i * 7 % {People}))::uuid, 'Online', now() - make_interval(mins => i * 3),
                md5('org')::uuid, md5('process')::uuid
            FROM generate_series(0, {Proposals - 1}) i;
            INSERT INTO proposals_proposals ("Id", "Body", "CommentCount", "Status", "SupportCount", "ThemeId", "Title")
            SELECT md5('proposal' || i)::uuid,
                'Proposition ' || i || ' : ' || repeat('Nous proposons de rendre ce service plus proche des habitants et des habitantes. ', 1 + i % 6),
                0, 'Published', 0, md5('theme' || (i % 10))::uuid,
                'Proposition ' || i || ' pour ' || (ARRAY['des transports','la santé','les écoles','le logement','l''emploi','la nature','la culture','le numérique','la sécurité','la démocratie'])[i % 10 + 1]
            FROM generate_series(0, {Proposals - 1}) i;
            """);
        // Each seeded supporter (never one of the signers) supports six different proposals.
        var supporters = People - Signers;
        await ExecuteAsync(db, $"""
            INSERT INTO proposals_supports ("Id", "CreatedAt", "PersonId", "ProposalId")
            SELECT md5('support' || s)::uuid, now(), md5('person' || ({Signers} + s % {supporters}))::uuid,
                md5('proposal' || ((({Signers} + s % {supporters}) * 7 + (s / {supporters}) * 1009) % {Proposals}))::uuid
            FROM generate_series(0, {Supports - 1}) s;
            INSERT INTO kernel_contributions ("Id", "AuthorId", "Channel", "CreatedAt", "OrganisationId", "ProcessId")
            SELECT md5('comment' || c)::uuid, md5('person' || (c * 13 % {People}))::uuid, 'Online', now() - make_interval(secs => c),
                md5('org')::uuid, md5('process')::uuid
            FROM generate_series(0, {Comments - 1}) c;
            INSERT INTO proposals_comments ("Id", "Body", "Depth", "ParentId", "ProposalId")
            SELECT md5('comment' || c)::uuid, 'Commentaire ' || c || ' : je suis d''accord, à condition de penser aux personnes âgées.', 0, NULL,
                md5('proposal' || (CASE WHEN c < 40 THEN 0 ELSE c % {Proposals} END))::uuid
            FROM generate_series(0, {Comments - 1}) c;
            UPDATE proposals_proposals p SET "SupportCount" = s.n FROM (SELECT "ProposalId", count(*) n FROM proposals_supports GROUP BY 1) s WHERE s."ProposalId" = p."Id";
            UPDATE proposals_proposals p SET "CommentCount" = c.n FROM (SELECT "ProposalId", count(*) n FROM proposals_comments GROUP BY 1) c WHERE c."ProposalId" = p."Id";
            """);
        await transaction.CommitAsync();
        await ExecuteAsync(db, "VACUUM ANALYZE;");
    }

    /// <summary>Open votes the signers cast ballots in (ids md5('vote' || v)), each a single choice between two answers.</summary>
    public const int Votes = 10_000;

    /// <summary>Petitions open to signatures (ids md5('petition' || p)).</summary>
    public const int Petitions = 10_000;

    /// <summary>Signed surveys of one question (ids md5('survey' || s)).</summary>
    public const int Surveys = 10_000;

    /// <summary>Articles of the one collaborative text, version 1 (ids md5('article' || a)), each voted on.</summary>
    public const int Articles = 10_000;

    /// <summary>The collaborative text whose articles are voted on.</summary>
    public static readonly Guid Text = Md5Guid("text");

    /// <summary>
    /// After <see cref="RunAsync"/>: what the write paths other than supports write to (their components and switches are
    /// seeded with the process, which the application keeps in memory once read).
    /// </summary>
    public static async Task RunWritePathsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await ExecuteAsync(db, $"""
            INSERT INTO votes_votes ("Id", "BudgetCount", "ClosesAt", "ComponentId", "CreatedAt", "Description", "Method", "MinSharePercent", "OpensAt",
                "OrganisationId", "ProcessId", "Purpose", "Question", "ResultsBeforeClose", "Seats", "Secret", "TieBreak")
            SELECT md5('vote' || v)::uuid, 'Greedy', now() + interval '30 days', md5('votes component')::uuid, now(), '', 'SingleChoice', 0,
                now() - interval '1 day', md5('org')::uuid, md5('process')::uuid, 'Advisory', 'Vote ' || v || ' : pour ou contre ?', false, 1, true, '1,0'
            FROM generate_series(0, {Votes - 1}) v;
            INSERT INTO votes_options ("Id", "Position", "Title", "VoteId")
            SELECT md5('option' || v || '-' || o)::uuid, o, (ARRAY['Pour', 'Contre'])[o + 1], md5('vote' || v)::uuid
            FROM generate_series(0, {Votes - 1}) v, generate_series(0, 1) o;
            INSERT INTO kernel_contributions ("Id", "AuthorId", "Channel", "CreatedAt", "OrganisationId", "ProcessId")
            SELECT md5('petition' || p)::uuid, md5('person' || ({Signers} + p % 1000))::uuid, 'Online', now() - interval '10 days', md5('org')::uuid, md5('process')::uuid
            FROM generate_series(0, {Petitions - 1}) p;
            INSERT INTO petitions_petitions ("Id", "Title", "Text", "Stage", "SubmittedAt", "ReviewedAt", "RefusalReason", "OnlineSignatures", "NextSteps", "CommitteeReply")
            SELECT md5('petition' || p)::uuid, 'Pétition ' || p, 'Nous demandons un bus le soir après le dernier bateau, pour rentrer du travail.',
                'Signing', now() - interval '9 days', now() - interval '8 days', '', 0, '', ''
            FROM generate_series(0, {Petitions - 1}) p;
            INSERT INTO surveys_surveys ("Id", "OrganisationId", "ProcessId", "Title", "Intro", "EasyIntro", "Mode", "Stage", "ClosesAt", "SmallestCell",
                "Questions", "TokenKey", "Responses", "CreatedAt", "PublishedAt", "KeysGiven", "Revision")
            SELECT md5('survey' || s)::uuid, md5('org')::uuid, md5('process')::uuid, 'Questionnaire ' || s, '', '', 'Named', 'Published', NULL, 5,
                @questions, '', 0, now(), now(), 1, 1
            FROM generate_series(0, {Surveys - 1}) s;
            INSERT INTO texts_texts ("Id", "OrganisationId", "ProcessId", "Title", "Introduction", "PlainSummary", "CreatedAt", "Version", "Draft")
            VALUES (md5('text')::uuid, md5('org')::uuid, md5('process')::uuid, 'Charte du banc d''essai', '', '', now(), 1, '');
            INSERT INTO texts_versions ("Id", "TextId", "Number", "PublishedAt", "Note") VALUES (md5('text version')::uuid, md5('text')::uuid, 1, now(), '');
            INSERT INTO texts_articles ("Id", "TextId", "Version", "Position", "Section", "Heading", "Body", "LineageId")
            SELECT md5('article' || a)::uuid, md5('text')::uuid, 1, a, '', 'Article ' || (a + 1), 'Les habitants et les habitantes sont consultés sur chaque décision.',
                md5('article' || a)::uuid
            FROM generate_series(0, {Articles - 1}) a;
            """, ("questions", """[{"Logic":{"Key":"q1","Kind":2,"Required":true,"Options":["Oui","Non"]},"Label":"Prenez-vous le bus ?"}]"""));
        await ExecuteAsync(db, "VACUUM ANALYZE votes_votes, votes_options, petitions_petitions, surveys_surveys, texts_articles;");
    }

    /// <summary>Published processes whose optional questions about oneself the signers answer (ids md5('about' || p)).</summary>
    public const int AboutYouProcesses = 10_000;

    public static string AboutYouSlug(int p) => $"questions-{p}";

    /// <summary>Signer i's mandate (ids md5('mandate' || i)): to contribute and vote for person md5('helped' || i), who has no support yet.</summary>
    public static Guid Mandate(int i) => Md5Guid($"mandate{i}");

    /// <summary>
    /// After <see cref="RunAsync"/>: the processes of the questions about oneself, and a mediation structure whose
    /// mediators are the signers, each with a live, signed mandate for a person of their own.
    /// </summary>
    public static async Task RunTakingPartAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await ExecuteAsync(db, $"""
            INSERT INTO kernel_processes ("Id", "ClosedWithoutFate", "CreatedAt", "Description", "OrganisationId",
                "PlainSummary", "Published", "Slug", "Summary", "Territory", "Title")
            SELECT md5('about' || p)::uuid, 0, now(), 'Une concertation locale.', md5('org')::uuid, '', true, 'questions-' || p, '', 'France',
                'Concertation ' || p
            FROM generate_series(0, {AboutYouProcesses - 1}) p;
            INSERT INTO kernel_mediation_structures ("Id", "OrganisationId", "Name", "Kind", "CreatedAt")
            VALUES (md5('structure')::uuid, md5('org')::uuid, 'Espace numérique du banc d''essai', 'MediationPlace', now());
            INSERT INTO kernel_mediators ("Id", "OrganisationId", "StructureId", "PersonId", "AddedAt")
            SELECT md5('mediator' || i)::uuid, md5('org')::uuid, md5('structure')::uuid, md5('person' || i)::uuid, now()
            FROM generate_series(0, {Signers - 1}) i;
            INSERT INTO kernel_people ("Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAt", "EmailConfirmed", "LockoutEnabled",
                "NormalizedUserName", "PhoneNumberConfirmed", "Pseudonym", "SecurityStamp", "TwoFactorEnabled", "UserName")
            SELECT md5('helped' || i)::uuid, 0, md5('hc' || i), now(), false, true, upper('held-' || i), false, 'Personne aidée ' || i,
                upper(md5('hs' || i)), false, 'held-' || i
            FROM generate_series(0, {Signers - 1}) i;
            INSERT INTO kernel_mandates ("Id", "OrganisationId", "PersonId", "StructureId", "ProcessId", "Allows", "Duration", "ConsentTextVersion",
                "CreatedById", "CreatedAt", "ConsentRecordedAt", "ConsentRecordedById", "Consent", "ExpiresAt")
            SELECT md5('mandate' || i)::uuid, md5('org')::uuid, md5('helped' || i)::uuid, md5('structure')::uuid, NULL, 1 | 4 | 8, 'TwelveMonths', '2026-12',
                md5('person' || i)::uuid, now(), now(), md5('person' || i)::uuid, 'Attestation', now() + interval '1 year'
            FROM generate_series(0, {Signers - 1}) i;
            """);
        await ExecuteAsync(db, "VACUUM ANALYZE kernel_processes, kernel_people, kernel_mandates;");
    }

    /// <summary>Workshops of the soak, each running its first time (concerns, no limit per table): codes SOAK00…, tables of each.</summary>
    public const int Workshops = 10;
    public const int Tables = 8;

    public static string JoinCode(int workshop) => $"SOAK{workshop:D2}";

    /// <summary>Table t of workshop w, as <see cref="RunWorkshopsAsync"/> wrote it.</summary>
    public static Guid TableId(int workshop, int table) => Md5Guid($"table{workshop}-{table}");

    /// <summary>After <see cref="RunAsync"/>: <see cref="Workshops"/> running workshops of <see cref="Tables"/> tables in the process.</summary>
    public static async Task RunWorkshopsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await ExecuteAsync(db, $"""
            INSERT INTO kernel_components ("Id", "Enabled", "Module", "Position", "ProcessId", "Switches", "Title")
            VALUES (md5('workshops component')::uuid, true, 'workshops', 2, md5('process')::uuid, '', '');
            INSERT INTO workshops_workshops ("Id", "ClosedAt", "CurrentTimeId", "Description", "JoinCode", "OrganisationId", "Place", "ProcessId",
                "Revision", "StartsAt", "TimeStartedAt", "Title")
            SELECT md5('workshop' || w)::uuid, NULL, md5('time' || w)::uuid, 'Un atelier du banc d''essai.', 'SOAK' || lpad(w::text, 2, '0'),
                md5('org')::uuid, 'Salle ' || w, md5('process')::uuid, 0, now(), now(), 'Atelier ' || w
            FROM generate_series(0, {Workshops - 1}) w;
            INSERT INTO workshops_times ("Id", "Gathered", "Instructions", "MaxItems", "MinItems", "Minutes", "Output", "Position", "Title", "WorkshopId")
            SELECT md5('time' || w)::uuid, false, 'Vos constats.', NULL, NULL, 30, 'Concerns', 0, 'Le diagnostic', md5('workshop' || w)::uuid
            FROM generate_series(0, {Workshops - 1}) w;
            INSERT INTO workshops_groups ("Id", "FacilitatorId", "Name", "Position", "Question", "ThemeId", "WorkshopId")
            SELECT md5('table' || w || '-' || t)::uuid, NULL, 'Table ' || (t + 1), t, 'Qu''est-ce qui manque ?', NULL, md5('workshop' || w)::uuid
            FROM generate_series(0, {Workshops - 1}) w, generate_series(0, {Tables - 1}) t;
            """);
    }

    /// <summary>Process managers of the soak's process, each with two-step verification on and a known authenticator key.</summary>
    public const int Staff = 4;

    /// <summary>Tracked actions of the process's synthesis, whose results staff import (ids md5('action' || i)).</summary>
    public const int Actions = 20;

    public static string StaffEmail(int i) => $"gestionnaire{i}@bench.parvis.test";

    /// <summary>
    /// Staff member i's authenticator key as Identity generates and stores it: 20 bytes in Base32, upper case, no padding
    /// (here derived from i, so the harness computes the same codes as the person's authenticator application).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Derives a test key; protects nothing.")]
    public static string StaffKey(int i) =>
        OtpNet.Base32Encoding.ToString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"staff-key{i}")));

    /// <summary>
    /// After <see cref="RunAsync"/>: <see cref="Staff"/> process managers of the process (the staff role, usable only in
    /// a session opened with a second factor), their authenticator keys in Identity's user tokens, and
    /// <see cref="Actions"/> tracked actions in the synthesis for them to import results of.
    /// </summary>
    public static async Task RunStaffAsync(string connection)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        await ExecuteAsync(db, $"""
            INSERT INTO kernel_people ("Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAt", "Email", "EmailConfirmed", "LockoutEnabled",
                "NormalizedEmail", "NormalizedUserName", "PasswordHash", "PhoneNumberConfirmed", "Pseudonym", "SecurityStamp", "TwoFactorEnabled", "UserName")
            SELECT md5('staff' || i)::uuid, 0, md5('sc' || i), now(), 'gestionnaire' || i || '@bench.parvis.test', true, true,
                upper('gestionnaire' || i || '@bench.parvis.test'), upper('gestionnaire' || i || '@bench.parvis.test'), @hash, false,
                'Gestionnaire ' || i, upper(md5('ss' || i)), true, 'gestionnaire' || i || '@bench.parvis.test'
            FROM generate_series(0, {Staff - 1}) i;
            INSERT INTO kernel_role_assignments ("Id", "GrantedAt", "OrganisationId", "PersonId", "ProcessId", "Role")
            SELECT md5('staff-role' || i)::uuid, now(), md5('org')::uuid, md5('staff' || i)::uuid, md5('process')::uuid, 'ProcessManager'
            FROM generate_series(0, {Staff - 1}) i;
            INSERT INTO kernel_synthesis_items ("Id", "Body", "CreatedAt", "Kind", "LastUpdateOn", "OrganisationId", "Position", "ProcessId",
                "Progress", "ResponsibleBody", "Status", "ThemeId", "Title", "UpdatedAt")
            SELECT md5('action' || a)::uuid, 'Une action décidée à l''issue de la consultation.', now(), 'Action', NULL, md5('org')::uuid, a,
                md5('process')::uuid, 0, 'La ville', 'NotStarted', md5('theme' || (a % 10))::uuid, 'Action ' || a, now()
            FROM generate_series(0, {Actions - 1}) a;
            """, ("hash", hash));
        for (var i = 0; i < Staff; i++)
        {
            await ExecuteAsync(db, """
                INSERT INTO kernel_identity_user_tokens ("UserId", "LoginProvider", "Name", "Value")
                VALUES (md5('staff' || @i)::uuid, '[AspNetUserStore]', 'AuthenticatorKey', @key);
                """, ("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("key", StaffKey(i)));
        }
        await transaction.CommitAsync();
    }

    /// <summary>An empty table of the same shape as another, with its unique and foreign keys, for pgbench to write to.</summary>
    public static Task CopyTableAsync(NpgsqlConnection db, string source, string target) => ExecuteAsync(db, $"""
        CREATE TABLE {target} (LIKE {source} INCLUDING ALL);
        DO $$
        DECLARE definition text;
        BEGIN
            FOR definition IN SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '{source}'::regclass AND contype = 'f' LOOP
                EXECUTE 'ALTER TABLE {target} ADD ' || definition;
            END LOOP;
        END $$
        """);

    /// <summary>The uuid PostgreSQL's md5(text)::uuid gives.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Names seeded rows as the seed's SQL does; protects nothing.")]
    public static Guid Md5Guid(string text) =>
        Guid.ParseExact(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text))), "N");

    /// <summary>The id of proposal i, as the seed wrote it.</summary>
    public static async Task<Guid> ProposalIdAsync(string connection, int i) =>
        (Guid)(await ScalarAsync(connection, $"SELECT md5('proposal{i}')::uuid"))!;

    public static async Task<object?> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteScalarAsync();
    }

    public static async Task ExecuteAsync(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }
}
