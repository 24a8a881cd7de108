using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Chengguan.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_search",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_search", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_search_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_search_CaseId",
                table: "case_search",
                column: "CaseId",
                unique: true);

            // The documents are tokenised in C# (SearchText); array_to_tsvector takes the tokens as
            // lexemes as they are, without a parser or the database locale re-reading them.
            migrationBuilder.Sql("""
                CREATE INDEX ix_case_search_tokens ON case_search USING gin (array_to_tsvector(string_to_array("Text", ' ')));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_case_search_tokens;");

            migrationBuilder.DropTable(
                name: "case_search");
        }
    }
}
