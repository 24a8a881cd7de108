using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Directives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directive_sources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "directives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeadlineKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Asap = table.Column<bool>(type: "boolean", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Percent = table.Column<int>(type: "integer", nullable: false),
                    PendingDays = table.Column<int>(type: "integer", nullable: true),
                    Extensions = table.Column<int>(type: "integer", nullable: false),
                    OwnerWarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaderWarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directives_directive_sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "directive_sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_directives_people_LeaderPersonId",
                        column: x => x.LeaderPersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_directives_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directive_co_owners",
                columns: table => new
                {
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_co_owners", x => new { x.DirectiveId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_directive_co_owners_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_directive_co_owners_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directive_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FromState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ToState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DataJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directive_events_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directive_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directive_milestones_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directive_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Percent = table.Column<int>(type: "integer", nullable: false),
                    ById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directive_reports_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_directive_co_owners_UnitId",
                table: "directive_co_owners",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_directive_events_DirectiveId_Seq",
                table: "directive_events",
                columns: new[] { "DirectiveId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directive_milestones_DirectiveId_Seq",
                table: "directive_milestones",
                columns: new[] { "DirectiveId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directive_reports_DirectiveId_At",
                table: "directive_reports",
                columns: new[] { "DirectiveId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_directive_reports_On",
                table: "directive_reports",
                column: "On");

            migrationBuilder.CreateIndex(
                name: "IX_directive_sources_Code",
                table: "directive_sources",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directives_LeaderPersonId",
                table: "directives",
                column: "LeaderPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_directives_Number",
                table: "directives",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directives_OwnerUnitId_State",
                table: "directives",
                columns: new[] { "OwnerUnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_directives_SourceId",
                table: "directives",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_directives_State_DueAt",
                table: "directives",
                columns: new[] { "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directive_co_owners");

            migrationBuilder.DropTable(
                name: "directive_events");

            migrationBuilder.DropTable(
                name: "directive_milestones");

            migrationBuilder.DropTable(
                name: "directive_reports");

            migrationBuilder.DropTable(
                name: "directives");

            migrationBuilder.DropTable(
                name: "directive_sources");
        }
    }
}
