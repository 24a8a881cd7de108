using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FiveViolationsRivers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "remediation_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Outline = table.Column<byte[]>(type: "bytea", nullable: false),
                    AreaM2 = table.Column<double>(type: "double precision", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rivers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Line = table.Column<byte[]>(type: "bytea", nullable: false),
                    LengthM = table.Column<double>(type: "double precision", nullable: false),
                    ChiefName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ChiefPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    TargetYear = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rivers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_problems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MustRemoveHazard = table.Column<bool>(type: "boolean", nullable: false),
                    MustDemolish = table.Column<bool>(type: "boolean", nullable: false),
                    MustCleanUp = table.Column<bool>(type: "boolean", nullable: false),
                    MustBan = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RectifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_remediation_area_problems_remediation_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "remediation_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_streets",
                columns: table => new
                {
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_streets", x => new { x.AreaId, x.StreetId });
                    table.ForeignKey(
                        name: "FK_remediation_area_streets_remediation_areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "remediation_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_remediation_area_streets_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "river_items",
                columns: table => new
                {
                    RiverId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistanceM = table.Column<double>(type: "double precision", nullable: false),
                    AttachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AttachedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_river_items", x => new { x.RiverId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_river_items_demolition_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "demolition_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_river_items_rivers_RiverId",
                        column: x => x.RiverId,
                        principalTable: "rivers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "river_reaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RiverId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StreetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<byte[]>(type: "bytea", nullable: false),
                    LengthM = table.Column<double>(type: "double precision", nullable: false),
                    ChiefName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ChiefPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_river_reaches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_river_reaches_rivers_RiverId",
                        column: x => x.RiverId,
                        principalTable: "rivers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_river_reaches_units_StreetId",
                        column: x => x.StreetId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "remediation_area_problem_links",
                columns: table => new
                {
                    ProblemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remediation_area_problem_links", x => new { x.ProblemId, x.Kind, x.SubjectId });
                    table.ForeignKey(
                        name: "FK_remediation_area_problem_links_remediation_area_problems_Pr~",
                        column: x => x.ProblemId,
                        principalTable: "remediation_area_problems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_problem_links_Kind_SubjectId",
                table: "remediation_area_problem_links",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_problems_AreaId_Seq",
                table: "remediation_area_problems",
                columns: new[] { "AreaId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remediation_area_streets_StreetId",
                table: "remediation_area_streets",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_remediation_areas_Name",
                table: "remediation_areas",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_river_items_ItemId",
                table: "river_items",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_river_reaches_RiverId_Name",
                table: "river_reaches",
                columns: new[] { "RiverId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_river_reaches_StreetId",
                table: "river_reaches",
                column: "StreetId");

            migrationBuilder.CreateIndex(
                name: "IX_rivers_Code",
                table: "rivers",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "remediation_area_problem_links");

            migrationBuilder.DropTable(
                name: "remediation_area_streets");

            migrationBuilder.DropTable(
                name: "river_items");

            migrationBuilder.DropTable(
                name: "river_reaches");

            migrationBuilder.DropTable(
                name: "remediation_area_problems");

            migrationBuilder.DropTable(
                name: "rivers");

            migrationBuilder.DropTable(
                name: "remediation_areas");
        }
    }
}
