using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Selection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "selection_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MaxChoices = table.Column<int>(type: "integer", nullable: false),
                    WeightWritten = table.Column<int>(type: "integer", nullable: false),
                    WeightInterview = table.Column<int>(type: "integer", nullable: false),
                    WeightAssessment = table.Column<int>(type: "integer", nullable: false),
                    WeightEvaluation = table.Column<int>(type: "integer", nullable: false),
                    TieBreak = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AppealDays = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppealUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "post_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromPost = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToPost = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_post_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_post_changes_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_post_changes_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_post_changes_units_ToUnitId",
                        column: x => x.ToUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "selection_candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ServiceYears = table.Column<int>(type: "integer", nullable: false),
                    Education = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Certificates = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Written = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Interview = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Assessment = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Evaluation = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_candidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_candidates_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_selection_candidates_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    MinGrade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    MinYears = table.Column<int>(type: "integer", nullable: true),
                    MinEducation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Certificates = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_posts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_posts_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_selection_posts_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "selection_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    RunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RunBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    InputJson = table.Column<string>(type: "text", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_runs_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Upheld = table.Column<bool>(type: "boolean", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_appeals_selection_candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "selection_candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_selection_appeals_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_choices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Preference = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_choices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_choices_selection_candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "selection_candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_selection_choices_selection_posts_PostId",
                        column: x => x.PostId,
                        principalTable: "selection_posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_post_changes_PersonId_EffectiveOn",
                table: "post_changes",
                columns: new[] { "PersonId", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_post_changes_RoundId",
                table: "post_changes",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_post_changes_ToUnitId",
                table: "post_changes",
                column: "ToUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_appeals_CandidateId",
                table: "selection_appeals",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_appeals_RoundId",
                table: "selection_appeals",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_candidates_PersonId",
                table: "selection_candidates",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_candidates_RoundId_PersonId",
                table: "selection_candidates",
                columns: new[] { "RoundId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_choices_CandidateId_PostId",
                table: "selection_choices",
                columns: new[] { "CandidateId", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_choices_CandidateId_Preference",
                table: "selection_choices",
                columns: new[] { "CandidateId", "Preference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_choices_PostId",
                table: "selection_choices",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_posts_RoundId_UnitId_Title",
                table: "selection_posts",
                columns: new[] { "RoundId", "UnitId", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_posts_UnitId",
                table: "selection_posts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_selection_rounds_Name",
                table: "selection_rounds",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_runs_RoundId_Seq",
                table: "selection_runs",
                columns: new[] { "RoundId", "Seq" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "post_changes");

            migrationBuilder.DropTable(
                name: "selection_appeals");

            migrationBuilder.DropTable(
                name: "selection_choices");

            migrationBuilder.DropTable(
                name: "selection_runs");

            migrationBuilder.DropTable(
                name: "selection_candidates");

            migrationBuilder.DropTable(
                name: "selection_posts");

            migrationBuilder.DropTable(
                name: "selection_rounds");
        }
    }
}
