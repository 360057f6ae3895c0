// Downloads a file from Storage through the SDK (storage.rules decide), as the browser's download.
import { getBlob, ref } from 'firebase/storage';
import { storageService } from './firebase';

export async function downloadFromStorage(path: string, fileName = path.split('/').pop() ?? 'download'): Promise<void> {
  const blob = await getBlob(ref(await storageService(), path));
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
