using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNotificationsJournalAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastSignInAt",
                table: "kernel_people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RetentionWarnedAt",
                table: "kernel_people",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "kernel_organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "kernel_follows",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Following = table.Column<bool>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ChosenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_follows", x => new { x.PersonId, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_kernel_follows_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_follows_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_journal",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    After = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Prompts = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_journal", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_journal_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_moderation_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContributionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HidingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_moderation_appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_moderation_appeals_kernel_moderation_decisions_HidingId",
                        column: x => x.HidingId,
                        principalTable: "kernel_moderation_decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_moderation_appeals_kernel_people_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "kernel_notification_choices",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_notification_choices", x => new { x.PersonId, x.Kind });
                    table.ForeignKey(
                        name: "FK_kernel_notification_choices_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_notification_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ItemTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Arguments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_notification_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_notification_events_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_notification_settings",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DigestHour = table.Column<int>(type: "INTEGER", nullable: false),
                    WeeklyDay = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EmailsOff = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastDailyAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastWeeklyAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_notification_settings", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_kernel_notification_settings_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_outgoing_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Html = table.Column<string>(type: "TEXT", nullable: false),
                    StopAddress = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_outgoing_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_outgoing_messages_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AboutYou = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Mail = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_notifications_kernel_notification_events_EventId",
                        column: x => x.EventId,
                        principalTable: "kernel_notification_events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_notifications_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_follows_OrganisationId",
                table: "kernel_follows",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_follows_SubjectId_Following",
                table: "kernel_follows",
                columns: new[] { "SubjectId", "Following" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_journal_ProcessId_At",
                table: "kernel_journal",
                columns: new[] { "ProcessId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_moderation_appeals_AuthorId",
                table: "kernel_moderation_appeals",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_moderation_appeals_HidingId",
                table: "kernel_moderation_appeals",
                column: "HidingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_moderation_appeals_OrganisationId_Outcome",
                table: "kernel_moderation_appeals",
                columns: new[] { "OrganisationId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notification_events_ItemId",
                table: "kernel_notification_events",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notification_events_OrganisationId_DedupeKey",
                table: "kernel_notification_events",
                columns: new[] { "OrganisationId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notification_events_OrganisationId_RaisedAt",
                table: "kernel_notification_events",
                columns: new[] { "OrganisationId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notifications_EventId",
                table: "kernel_notifications",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notifications_Mail",
                table: "kernel_notifications",
                column: "Mail");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notifications_PersonId_Mail",
                table: "kernel_notifications",
                columns: new[] { "PersonId", "Mail" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_notifications_PersonId_OrganisationId_CreatedAt",
                table: "kernel_notifications",
                columns: new[] { "PersonId", "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_outgoing_messages_PersonId",
                table: "kernel_outgoing_messages",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_outgoing_messages_State_NotBefore",
                table: "kernel_outgoing_messages",
                columns: new[] { "State", "NotBefore" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kernel_follows");

            migrationBuilder.DropTable(
                name: "kernel_journal");

            migrationBuilder.DropTable(
                name: "kernel_moderation_appeals");

            migrationBuilder.DropTable(
                name: "kernel_notification_choices");

            migrationBuilder.DropTable(
                name: "kernel_notification_settings");

            migrationBuilder.DropTable(
                name: "kernel_notifications");

            migrationBuilder.DropTable(
                name: "kernel_outgoing_messages");

            migrationBuilder.DropTable(
                name: "kernel_notification_events");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "kernel_people");

            migrationBuilder.DropColumn(
                name: "RetentionWarnedAt",
                table: "kernel_people");

            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "kernel_organisations");
        }
    }
}
