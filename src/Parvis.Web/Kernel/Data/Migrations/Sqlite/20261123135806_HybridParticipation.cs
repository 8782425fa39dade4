using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Kernel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HybridParticipation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ThemeId",
                table: "kernel_synthesis_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "kernel_synthesis_item_links",
                columns: table => new
                {
                    FromItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToItemId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_synthesis_item_links", x => new { x.FromItemId, x.ToItemId });
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_FromItemId",
                        column: x => x.FromItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_kernel_synthesis_item_links_kernel_synthesis_items_ToItemId",
                        column: x => x.ToItemId,
                        principalTable: "kernel_synthesis_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OnlineLink = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Agenda = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Registration = table.Column<bool>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false),
                    OnlineAttendance = table.Column<int>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_meetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_meetings_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_offline_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Baseline = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_links_workshops_workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "workshops_workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings_sites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Access = table.Column<int>(type: "INTEGER", nullable: false),
                    AccessNotes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: true),
                    FacilitatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_sites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_sites_kernel_people_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_sites_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings_uncovered_themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_uncovered_themes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_uncovered_themes_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_uncovered_themes_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshops_offline_imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkshopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BundleHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Conflicts = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workshops_offline_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workshops_offline_imports_workshops_offline_links_LinkId",
                        column: x => x.LinkId,
                        principalTable: "workshops_offline_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings_questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpertId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AnsweredById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredAtMeetingId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_people_AnsweredById",
                        column: x => x.AnsweredById,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_people_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_questions_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_kernel_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_registrations_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings_remarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ThemeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meetings_remarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_kernel_contributions_Id",
                        column: x => x.Id,
                        principalTable: "kernel_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_meetings_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "meetings_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_meetings_remarks_meetings_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "meetings_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_items_ThemeId",
                table: "kernel_synthesis_items",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_synthesis_item_links_ToItemId",
                table: "kernel_synthesis_item_links",
                column: "ToItemId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_meetings_ProcessId_StartsAt",
                table: "meetings_meetings",
                columns: new[] { "ProcessId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_AnsweredById",
                table: "meetings_questions",
                column: "AnsweredById");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_ExpertId",
                table: "meetings_questions",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_MeetingId",
                table: "meetings_questions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_SiteId",
                table: "meetings_questions",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_questions_ThemeId",
                table: "meetings_questions",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_MeetingId_PersonId",
                table: "meetings_registrations",
                columns: new[] { "MeetingId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_PersonId",
                table: "meetings_registrations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_registrations_SiteId_Status_CreatedAt",
                table: "meetings_registrations",
                columns: new[] { "SiteId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_MeetingId",
                table: "meetings_remarks",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_SiteId",
                table: "meetings_remarks",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_remarks_ThemeId",
                table: "meetings_remarks",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_sites_FacilitatorId",
                table: "meetings_sites",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_sites_MeetingId",
                table: "meetings_sites",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_meetings_uncovered_themes_MeetingId_ThemeId",
                table: "meetings_uncovered_themes",
                columns: new[] { "MeetingId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meetings_uncovered_themes_ThemeId",
                table: "meetings_uncovered_themes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_LinkId",
                table: "workshops_offline_imports",
                column: "LinkId");

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_imports_WorkshopId_BundleHash",
                table: "workshops_offline_imports",
                columns: new[] { "WorkshopId", "BundleHash" });

            migrationBuilder.CreateIndex(
                name: "IX_workshops_offline_links_WorkshopId",
                table: "workshops_offline_links",
                column: "WorkshopId");

            migrationBuilder.AddForeignKey(
                name: "FK_kernel_synthesis_items_kernel_themes_ThemeId",
                table: "kernel_synthesis_items",
                column: "ThemeId",
                principalTable: "kernel_themes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_kernel_synthesis_items_kernel_themes_ThemeId",
                table: "kernel_synthesis_items");

            migrationBuilder.DropTable(
                name: "kernel_synthesis_item_links");

            migrationBuilder.DropTable(
                name: "meetings_questions");

            migrationBuilder.DropTable(
                name: "meetings_registrations");

            migrationBuilder.DropTable(
                name: "meetings_remarks");

            migrationBuilder.DropTable(
                name: "meetings_uncovered_themes");

            migrationBuilder.DropTable(
                name: "workshops_offline_imports");

            migrationBuilder.DropTable(
                name: "meetings_sites");

            migrationBuilder.DropTable(
                name: "workshops_offline_links");

            migrationBuilder.DropTable(
                name: "meetings_meetings");

            migrationBuilder.DropIndex(
                name: "IX_kernel_synthesis_items_ThemeId",
                table: "kernel_synthesis_items");

            migrationBuilder.DropColumn(
                name: "ThemeId",
                table: "kernel_synthesis_items");
        }
    }
}
