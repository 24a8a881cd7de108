using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evaluation_questionnaires",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScaleJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionnaireId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WeightLeaders = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightPeers = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightSubordinates = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_rounds_evaluation_questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "evaluation_questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_cadres",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PostName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_cadres", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_cadres_evaluation_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "evaluation_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evaluation_cadres_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_raters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_raters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_raters_evaluation_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "evaluation_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evaluation_raters_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // WITHOUT ROWID: the rows are kept in the order of their random ids, so no hidden rowid tells in which
            // order the answer sheets were written (which would line them up with the ballots). See Evaluation/README.md.
            migrationBuilder.Sql("""
                CREATE TABLE "evaluation_answers" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_evaluation_answers" PRIMARY KEY,
                    "RoundId" TEXT NOT NULL,
                    "CadreId" TEXT NOT NULL,
                    "Group" TEXT NOT NULL,
                    "PointsJson" TEXT NOT NULL,
                    "Score" TEXT NOT NULL,
                    CONSTRAINT "FK_evaluation_answers_evaluation_cadres_CadreId" FOREIGN KEY ("CadreId") REFERENCES "evaluation_cadres" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_evaluation_answers_evaluation_rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "evaluation_rounds" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            // WITHOUT ROWID as the answers: the ballots' physical order says nothing either.
            migrationBuilder.Sql("""
                CREATE TABLE "evaluation_ballots_cast" (
                    "Id" TEXT NOT NULL CONSTRAINT "PK_evaluation_ballots_cast" PRIMARY KEY,
                    "RoundId" TEXT NOT NULL,
                    "RaterPersonId" TEXT NOT NULL,
                    "CadreId" TEXT NOT NULL,
                    CONSTRAINT "FK_evaluation_ballots_cast_evaluation_cadres_CadreId" FOREIGN KEY ("CadreId") REFERENCES "evaluation_cadres" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_evaluation_ballots_cast_evaluation_rounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "evaluation_rounds" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "evaluation_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CadreId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    GroupsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_results_evaluation_cadres_CadreId",
                        column: x => x.CadreId,
                        principalTable: "evaluation_cadres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evaluation_results_evaluation_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "evaluation_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_answers_CadreId_Group",
                table: "evaluation_answers",
                columns: new[] { "CadreId", "Group" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_answers_RoundId",
                table: "evaluation_answers",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_ballots_cast_CadreId",
                table: "evaluation_ballots_cast",
                column: "CadreId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_ballots_cast_RoundId_RaterPersonId_CadreId",
                table: "evaluation_ballots_cast",
                columns: new[] { "RoundId", "RaterPersonId", "CadreId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_cadres_PersonId",
                table: "evaluation_cadres",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_cadres_RoundId_PersonId",
                table: "evaluation_cadres",
                columns: new[] { "RoundId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_questionnaires_Version",
                table: "evaluation_questionnaires",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_raters_PersonId",
                table: "evaluation_raters",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_raters_RoundId_PersonId",
                table: "evaluation_raters",
                columns: new[] { "RoundId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_results_CadreId",
                table: "evaluation_results",
                column: "CadreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_results_PersonId_RoundId",
                table: "evaluation_results",
                columns: new[] { "PersonId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_results_RoundId",
                table: "evaluation_results",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_rounds_Name",
                table: "evaluation_rounds",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_rounds_QuestionnaireId",
                table: "evaluation_rounds",
                column: "QuestionnaireId");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_rounds_Year_Period",
                table: "evaluation_rounds",
                columns: new[] { "Year", "Period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_answers");

            migrationBuilder.DropTable(
                name: "evaluation_ballots_cast");

            migrationBuilder.DropTable(
                name: "evaluation_raters");

            migrationBuilder.DropTable(
                name: "evaluation_results");

            migrationBuilder.DropTable(
                name: "evaluation_cadres");

            migrationBuilder.DropTable(
                name: "evaluation_rounds");

            migrationBuilder.DropTable(
                name: "evaluation_questionnaires");
        }
    }
}
