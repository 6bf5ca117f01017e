using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Email : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    @case = table.Column<Guid>(name: "case", type: "TEXT", nullable: false),
                    message = table.Column<Guid>(type: "TEXT", nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    media_type = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    refused = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    @case = table.Column<Guid>(name: "case", type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    direction = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 998, nullable: false),
                    in_reply_to = table.Column<string>(type: "TEXT", maxLength: 998, nullable: true),
                    from = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    html = table.Column<string>(type: "TEXT", nullable: true),
                    agent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    queue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    mailbox = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    customer = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    contact = table.Column<Guid>(type: "TEXT", nullable: false),
                    created = table.Column<long>(type: "INTEGER", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mailboxes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    queue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    imap_host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    imap_port = table.Column<int>(type: "INTEGER", nullable: false),
                    imap_security = table.Column<int>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    password = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    last_uid = table.Column<long>(type: "INTEGER", nullable: false),
                    created = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mailboxes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "received_mail",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 998, nullable: false),
                    mailbox = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    verdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    @case = table.Column<Guid>(name: "case", type: "TEXT", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_received_mail", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_attachments_case",
                table: "case_attachments",
                column: "case");

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_case_sequence",
                table: "case_messages",
                columns: new[] { "case", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_case_messages_client_message_id",
                table: "case_messages",
                columns: new[] { "client", "message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_client_created",
                table: "cases",
                columns: new[] { "client", "created" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_contact",
                table: "cases",
                column: "contact");

            migrationBuilder.CreateIndex(
                name: "ix_cases_number",
                table: "cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_client",
                table: "mailboxes",
                column: "client");

            migrationBuilder.CreateIndex(
                name: "ix_received_mail_client_message_id",
                table: "received_mail",
                columns: new[] { "client", "message_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_attachments");

            migrationBuilder.DropTable(
                name: "case_messages");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "mailboxes");

            migrationBuilder.DropTable(
                name: "received_mail");
        }
    }
}
