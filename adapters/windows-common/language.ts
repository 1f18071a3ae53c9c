/**
 * netsh prints its labels and values in the Windows display language. Only English output is
 * read: a German `Regelname:` is not guessed at. These markers recognise the common
 * translations so the user is told why nothing was read, and what to run instead (the
 * NetSecurity/RemoteAccess cmdlets print English property names whatever the language).
 */
import type { Line } from './blocks.js';

const MARKERS: Array<[RegExp, string]> = [
  [/^(Regelname|Globale Einstellungen|Hauptmodus|Schnellmodus|Aktiviert|Profile|Endpunkt[12]|Authentifizierung|Regelquelle)\s*:/i, 'German'],
  [/^(Nom de la règle|Paramètres globaux|Mode principal|Mode rapide|Activé|Source de la règle)\s*:/i, 'French'],
  [/^(Nombre de regla|Configuración global|Modo principal|Modo rápido|Habilitado|Origen de la regla)\s*:/i, 'Spanish'],
  [/^(Nome regola|Impostazioni globali|Modalità principale|Modalità rapida|Abilitata)\s*:/i, 'Italian'],
  [/^(Naam van regel|Algemene instellingen|Hoofdmodus|Snelle modus|Ingeschakeld)\s*:/i, 'Dutch'],
  [/^IPsecThroughNAT\s+(Nie|Jamais|Nunca|Mai|Nooit)\s*$/i, 'non-English'],
];

export interface LocalizedHint {
  line: Line;
  language: string;
}

/** The first line that shows the output is not English, or undefined. */
export function localizedHint(lines: Line[]): LocalizedHint | undefined {
  for (const line of lines) {
    const t = line.text.trim();
    const hit = MARKERS.find(([re]) => re.test(t));
    if (hit) return { line, language: hit[1] };
    // a label with letters outside ASCII ("Quelle der Regel:", "Règle :") is not netsh's English
    if (/^[^\s:]*[À-ž][^:]*:/.test(t) && t.length < 120) return { line, language: 'non-English' };
  }
  return undefined;
}

export function englishOnlyMessage(hint: LocalizedHint, what: string): string {
  const shown = hint.line.text.trim().slice(0, 60);
  return `expected English ${what}, found ${hint.language} output ("${shown}"): only English netsh output is read; run the PowerShell cmdlets instead (Get-NetIPsecRule, Get-NetIPsecQuickModeCryptoSet, Get-NetFirewallSetting print English property names in every language) or scripts/collect-windows.ps1`;
}
