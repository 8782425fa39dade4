using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// The module's open data: meetings, their sites (GeoJSON where staff placed them) with registrations and attendance,
/// the remarks written down there and the questions to experts with their answers.
/// </summary>
public static class MeetingsDatasets
{
    public static IReadOnlyList<Dataset> All { get; } =
    [
        Dataset.Of(MeetingsModule.Key, MeetingsModule.Key, (db, scope) =>
        {
            var sites = db.MeetingSites;
            return Held(db, scope).Select(m => new MeetingRow
            {
                Id = m.Id, ProcessId = m.ProcessId, ComponentId = m.ComponentId, Title = m.Title, Description = m.Description, Mode = m.Mode,
                OnlineLink = m.OnlineLink, StartsAt = m.StartsAt, EndsAt = m.EndsAt, Agenda = m.Agenda, Minutes = m.Minutes,
                Registration = m.Registration, OnlineAttendance = m.OnlineAttendance, Sites = sites.Count(s => s.MeetingId == m.Id),
            });
        }),
        Dataset.Of($"{MeetingsModule.Key}-sites", MeetingsModule.Key, (db, scope) =>
        {
            var registrations = db.MeetingRegistrations;
            return from s in db.MeetingSites
            join m in Held(db, scope) on s.MeetingId equals m.Id
            select new MeetingSiteRow
            {
                Id = s.Id, MeetingId = s.MeetingId, ProcessId = m.ProcessId, StartsAt = m.StartsAt, Name = s.Name, Address = s.Address,
                AccessNotes = s.AccessNotes, Capacity = s.Capacity,
                Registered = registrations.Count(r => r.SiteId == s.Id && r.Status == RegistrationStatus.Confirmed),
                Waiting = registrations.Count(r => r.SiteId == s.Id && r.Status == RegistrationStatus.Waiting),
                Attendance = s.Attendance, Latitude = s.Latitude, Longitude = s.Longitude,
            };
        }),
        Dataset.Of($"{MeetingsModule.Key}-remarks", MeetingsModule.Key, (db, scope) =>
        {
            var meetings = Held(db, scope).Select(m => m.Id);
            return scope.Shown(db.MeetingRemarks, MeetingsModule.Key).Where(r => meetings.Contains(r.MeetingId)).Select(r => new RemarkRow
            {
                Id = r.Id, ProcessId = r.ProcessId, MeetingId = r.MeetingId, SiteId = r.SiteId, ThemeId = r.ThemeId, Text = r.Text, Language = r.Language, Origin = r.Origin,
                Channel = r.Channel, MediatedById = r.MediatedById, Fate = r.Fate, CreatedAt = r.CreatedAt,
            });
        }),
        Dataset.Of($"{MeetingsModule.Key}-questions", MeetingsModule.Key, (db, scope) =>
        {
            var components = scope.ComponentsOf(MeetingsModule.Key);
            return scope.Shown(db.ExpertQuestions, MeetingsModule.Key).Where(q => components.Contains(q.ComponentId)).Select(q => new QuestionRow
            {
                Id = q.Id, ProcessId = q.ProcessId, MeetingId = q.MeetingId, SiteId = q.SiteId, ThemeId = q.ThemeId, Text = q.Text, Language = q.Language, Author = q.AuthorId,
                Origin = q.Origin, Channel = q.Channel, MediatedById = q.MediatedById, Status = q.Status, Answer = q.Answer, AnsweredAt = q.AnsweredAt,
                AnsweredAtMeetingId = q.AnsweredAtMeetingId, Fate = q.Fate, CreatedAt = q.CreatedAt,
            });
        }),
    ];

    /// <summary>The meetings of the sets of meetings in use.</summary>
    private static IQueryable<Meeting> Held(Kernel.Data.ParvisDbContext db, DatasetScope scope)
    {
        var components = scope.ComponentsOf(MeetingsModule.Key);
        return db.Meetings.Where(m => components.Contains(m.ComponentId));
    }
}

public sealed class MeetingRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid ComponentId { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public MeetingMode Mode { get; init; }
    public string? OnlineLink { get; init; }
    [Dated] public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public required string Agenda { get; init; }
    public required string Minutes { get; init; }
    public bool Registration { get; init; }
    public int? OnlineAttendance { get; init; }
    public int Sites { get; init; }
}

public sealed class MeetingSiteRow : DatasetRow
{
    public Guid MeetingId { get; init; }
    public Guid ProcessId { get; init; }
    [Dated] public DateTimeOffset StartsAt { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    public required string AccessNotes { get; init; }
    public int? Capacity { get; init; }
    public int Registered { get; init; }
    public int Waiting { get; init; }
    public int? Attendance { get; init; }
    [Place(Coordinate.Latitude)] public double? Latitude { get; init; }
    [Place(Coordinate.Longitude)] public double? Longitude { get; init; }
}

public sealed class RemarkRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid MeetingId { get; init; }
    public Guid? SiteId { get; init; }
    public Guid? ThemeId { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    public string? Origin { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}

public sealed class QuestionRow : DatasetRow
{
    public Guid ProcessId { get; init; }
    public Guid? MeetingId { get; init; }
    public Guid? SiteId { get; init; }
    public Guid? ThemeId { get; init; }
    public required string Text { get; init; }
    public required string Language { get; init; }
    [Pseudonym] public Guid? Author { get; init; }
    public string? Origin { get; init; }
    public Channel Channel { get; init; }

    /// <summary>The mediation structure whose mediator entered it under its author's mandate (mediation-structures).</summary>
    public Guid? MediatedById { get; init; }
    public QuestionStatus Status { get; init; }
    public string? Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public Guid? AnsweredAtMeetingId { get; init; }
    public Fate? Fate { get; init; }
    [Dated] public DateTimeOffset CreatedAt { get; init; }
}
