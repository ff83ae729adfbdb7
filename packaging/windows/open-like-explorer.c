/* open-like-explorer.exe FILE: what Explorer does when FILE is double-clicked, reduced to the
 * per-user registry: HKCU\Software\Classes\.EXT's default names a ProgID, whose
 * shell\open\command is run with %1 replaced by FILE. packaging/test-nsis-wine.sh uses it
 * because Wine 8's ShellExecute (`wine start`) reads HKCR from HKLM\Software\Classes only,
 * so it does not see per-user associations. Exit codes: 2 no ProgID, 3 no command, 4 no %1,
 * 5 the command did not start. */
#include <windows.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) return 1;
    const wchar_t *file = argv[1];
    const wchar_t *ext = wcsrchr(file, L'.');
    if (!ext) return 1;
    wchar_t key[512], progid[256], command[2048], line[4096];
    DWORD size = sizeof progid;
    _snwprintf(key, 512, L"Software\\Classes\\%ls", ext);
    if (RegGetValueW(HKEY_CURRENT_USER, key, NULL, RRF_RT_REG_SZ, NULL, progid, &size)) return 2;
    _snwprintf(key, 512, L"Software\\Classes\\%ls\\shell\\open\\command", progid);
    size = sizeof command;
    if (RegGetValueW(HKEY_CURRENT_USER, key, NULL, RRF_RT_REG_SZ, NULL, command, &size)) return 3;
    wchar_t *arg = wcsstr(command, L"%1");
    if (!arg) return 4;
    *arg = 0;
    _snwprintf(line, 4096, L"%ls%ls%ls", command, file, arg + 2);
    STARTUPINFOW start = {sizeof start};
    PROCESS_INFORMATION process;
    if (!CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &start, &process)) return 5;
    WaitForSingleObject(process.hProcess, INFINITE);
    return 0;
}
