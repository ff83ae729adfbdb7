/* A stand-in for duizhao.exe in packaging/test-nsis-wine.sh: writes the command line it was
 * started with to C:\duizhao-standin.txt (UTF-16), so the script can see what a double-click
 * on a file runs. Built with x86_64-w64-mingw32-gcc (Debian: gcc-mingw-w64-x86-64-win32). */
#include <windows.h>

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR args, int show) {
    (void)instance;
    (void)previous;
    (void)args;
    (void)show;
    HANDLE f = CreateFileW(L"C:\\duizhao-standin.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (f == INVALID_HANDLE_VALUE) return 1;
    LPWSTR line = GetCommandLineW();
    DWORD written;
    WriteFile(f, line, (DWORD)(lstrlenW(line) * sizeof(WCHAR)), &written, NULL);
    CloseHandle(f);
    return 0;
}
