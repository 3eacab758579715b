import asyncio, cProfile, os, pstats, sys, tempfile
from pathlib import Path
import uvicorn
from app import create_app
from core.settings import Settings

async def serve(port: int) -> None:
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), env="development", per_caller_limits=False, log_level="WARNING")
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", loop="uvloop", http="httptools")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not Path("/tmp/profsrv/stop").exists():
        await asyncio.sleep(0.2)
    server.should_exit = True
    await task

port = int(sys.argv[1])
prof = cProfile.Profile()
prof.enable()
asyncio.run(serve(port))
prof.disable()
prof.dump_stats("/tmp/srv.prof")
