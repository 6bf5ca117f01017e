using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "acknowledgement_owed",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "breached",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "due",
                table: "cases",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    @case = table.Column<Guid>(name: "case", type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_status_due",
                table: "cases",
                columns: new[] { "status", "due" });

            migrationBuilder.CreateIndex(
                name: "ix_case_events_case_sequence",
                table: "case_events",
                columns: new[] { "case", "sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_events");

            migrationBuilder.DropIndex(
                name: "ix_cases_status_due",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "acknowledgement_owed",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "breached",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "due",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "merged_into",
                table: "cases");
        }
    }
}
