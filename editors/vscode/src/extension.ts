// Starts `python -m gaonb_lint server` from the workspace's Python environment and connects it to
// VS Code through vscode-languageclient: diagnostics, quick fixes, "disable for this line" and
// hover explanations all come from the server; this file only finds the interpreter.
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function settings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration("gaonb-lint");
  const out: Record<string, unknown> = {};
  for (const key of ["lang", "select", "ignore", "debounce"]) {
    const value = cfg.get(key);
    const empty = value === "" || (Array.isArray(value) && value.length === 0);
    if (value !== undefined && value !== null && !empty) {
      out[key] = value;
    }
  }
  return out;
}

async function pythonFromExtension(resource?: vscode.Uri): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension("ms-python.python");
  if (!ext) {
    return undefined;
  }
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const details = api?.settings?.getExecutionDetails?.(resource);
    const command: string[] | undefined = details?.execCommand;
    return command && command.length > 0 ? command[0] : undefined;
  } catch {
    return undefined;
  }
}

function pythonFromWorkspace(): string | undefined {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const venv of [".venv", "venv"]) {
      const candidates =
        process.platform === "win32"
          ? [path.join(folder.uri.fsPath, venv, "Scripts", "python.exe")]
          : [path.join(folder.uri.fsPath, venv, "bin", "python")];
      for (const candidate of candidates) {
        if (fs.existsSync(candidate)) {
          return candidate;
        }
      }
    }
  }
  return undefined;
}

async function interpreter(): Promise<string> {
  const configured = vscode.workspace.getConfiguration("gaonb-lint").get<string>("interpreter");
  if (configured) {
    return configured;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return (await pythonFromExtension(folder)) ?? pythonFromWorkspace() ?? (process.platform === "win32" ? "python" : "python3");
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const python = await interpreter();
  const serverOptions: ServerOptions = {
    command: python,
    args: ["-m", "gaonb_lint", "server"],
    transport: TransportKind.stdio,
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/*.{md,markdown,txt,html,htm}" },
    ],
    initializationOptions: settings(),
    synchronize: {
      configurationSection: "gaonb-lint",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{pyproject.toml,.gaonb-lint.toml,*.toml}"),
    },
  };
  client = new LanguageClient("gaonb-lint", "gaonb-lint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `gaonb-lint 检查服务无法启动（${python} -m gaonb_lint server）：请在该环境中运行 pip install 'gaonb-lint[lsp]'，或设置 gaonb-lint.interpreter。${String(err)}`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("gaonb-lint.restart", async () => {
      await client?.stop();
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
