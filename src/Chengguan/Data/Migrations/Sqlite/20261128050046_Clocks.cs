using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Clocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clock_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clock_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "clock_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartEvent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StopEvent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    EscalationsJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Rework = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clock_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalendarVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WarnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BreachedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextCheckAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsumedMinutes = table.Column<long>(type: "INTEGER", nullable: true),
                    MarginMinutes = table.Column<long>(type: "INTEGER", nullable: true),
                    LedgerCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clocks_calendar_versions_CalendarVersionId",
                        column: x => x.CalendarVersionId,
                        principalTable: "calendar_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_clocks_clock_policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "clock_policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "clock_ledger",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<int>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Approver = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CalendarVersionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clock_ledger", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clock_ledger_clocks_ClockId",
                        column: x => x.ClockId,
                        principalTable: "clocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clock_events_ClockId_Step_DueAt",
                table: "clock_events",
                columns: new[] { "ClockId", "Step", "DueAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clock_ledger_ClockId_Seq",
                table: "clock_ledger",
                columns: new[] { "ClockId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clock_policies_Code_Version",
                table: "clock_policies",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clocks_CalendarVersionId",
                table: "clocks",
                column: "CalendarVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_NextCheckAt",
                table: "clocks",
                column: "NextCheckAt",
                filter: "\"NextCheckAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_PolicyId",
                table: "clocks",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_State_DueAt",
                table: "clocks",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_clocks_SubjectType_SubjectId_Kind",
                table: "clocks",
                columns: new[] { "SubjectType", "SubjectId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clock_events");

            migrationBuilder.DropTable(
                name: "clock_ledger");

            migrationBuilder.DropTable(
                name: "clocks");

            migrationBuilder.DropTable(
                name: "clock_policies");
        }
    }
}
