from .cli import main

if __name__ == "__main__":  # guarded: worker processes (spawned) re-import this module
    main()
