"""The application shell: main window, command line, export writers, themes, desktop."""
