// Step 58: VGG16 classifies a photo. The image is resized and normalised as VGG16 was trained
// (`VGG16.preprocess`), the network runs in test mode (no dropout), and the class with the
// highest score is printed.
//
// Run: swift run -c release step58 WEIGHTS IMAGE [--labels FILE]
//   WEIGHTS        VGG16's pretrained parameters: the vgg16.npz the Python DeZero downloads
//                  (keys conv1_1/W … fc8/b), or the same arrays as .safetensors
//   IMAGE          the photo as a binary PPM (P6) or as a NumPy .npy array (H, W, 3) of RGB
//                  values 0…255; convert the book's zebra.jpg with, for example,
//                  `convert zebra.jpg zebra.ppm` (ImageMagick) or Pillow's
//                  `Image.open("zebra.jpg").convert("RGB").save("zebra.ppm")`
//   --labels FILE  ImageNet's 1,000 class names, one a line in class order, to print the
//                  name (the book prints `labels[predict_id]`, e.g. "zebra"); without it the
//                  class index is printed
//
// With no arguments it checks the pipeline without any files: random weights (seeded) on a
// synthetic colour gradient, at 224×224 unless `--image-size N` (N ≥ 32) asks for smaller;
// a note on standard error says that the printed class means nothing then.
//
// Swift differences:
// - Nothing is downloaded: the book fetches the weights, the photo and the label list
//   (`dezero.datasets.ImageNet.labels()`); DeZero for Swift has no copy of ImageNet's labels.
// - No JPEG decoder: PPM is read here in a few lines, .npy by the library.
// - The book draws the graph with `model.plot(x, to_file='vgg.pdf')`, which runs the network
//   again in training mode; here the graph of the test-mode run already made is drawn, so
//   there are no dropout nodes in it. It needs Graphviz's `dot`; without it a note says so.
import DeZero
import Foundation

/// Stops the program with a message on standard error.
func fail(_ message: String, status: Int32 = 1) -> Never {
    note(message)
    exit(status)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("step58: \(message)\n".utf8))
}

let usage = "usage: step58 [WEIGHTS IMAGE] [--labels FILE] [--image-size N]"

/// The command line: the weights and image files (both or neither), a label list, and the
/// size of the synthetic check.
struct Options {
    var weights: URL?
    var image: URL?
    var labels: URL?
    var imageSize = 224

    init(_ arguments: ArraySlice<String>) {
        var args = arguments, files: [URL] = []
        while let arg = args.popFirst() {
            switch arg {
            case "--":
                continue    // `swift run step58 -- …` passes its separator on
            case "--labels":
                guard let path = args.popFirst() else { fail("--labels needs a file", status: 2) }
                labels = URL(fileURLWithPath: path)
            case "--image-size":
                guard let value = args.popFirst().flatMap({ Int($0) }), value >= 32 else {
                    fail("--image-size needs a whole number of at least 32 (VGG16 halves the image five times)", status: 2)
                }
                imageSize = value
            case _ where arg.hasPrefix("-"):
                fail("unknown option '\(arg)'; \(usage)", status: 2)
            default:
                files.append(URL(fileURLWithPath: arg))
            }
        }
        switch files.count {
        case 0: break
        case 2: (weights, image) = (files[0], files[1])
        default: fail("give both the weights file and the image, or neither; \(usage)", status: 2)
        }
        if weights != nil && imageSize != 224 {
            fail("--image-size is for the synthetic check; the pretrained VGG16 takes 224×224 images", status: 2)
        }
    }
}

/// What is wrong with an image file.
enum ImageFileError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unsupported(path: String, reason: String)

    var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .unsupported(path, reason): "\(path): \(reason)"
        }
    }
}

/// A binary PPM (P6, 8-bit) as an `(H, W, 3)` float32 array of RGB values 0…255.
func readPPM(_ url: URL) throws -> NDArray {
    let bytes: [UInt8]
    do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
        throw ImageFileError.unreadable(path: url.path, reason: error.localizedDescription)
    }
    // Header: "P6", width, height, maxval, separated by whitespace, '#' comments to the end of
    // a line; one whitespace byte, then the pixels.
    var position = 0
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
    func nextField() -> String? {
        while position < bytes.count {
            if isSpace(bytes[position]) { position += 1 }
            else if bytes[position] == UInt8(ascii: "#") {
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            } else { break }
        }
        let start = position
        while position < bytes.count && !isSpace(bytes[position]) { position += 1 }
        return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
    }
    guard nextField() == "P6" else {
        throw ImageFileError.unsupported(path: url.path, reason: "not a binary PPM (it should start with P6)")
    }
    guard let width = nextField().flatMap({ Int($0) }), let height = nextField().flatMap({ Int($0) }),
          let maxValue = nextField().flatMap({ Int($0) }), width > 0, height > 0 else {
        throw ImageFileError.unsupported(path: url.path, reason: "a PPM header needs a width, a height and a maximum value")
    }
    guard maxValue == 255 else {
        throw ImageFileError.unsupported(path: url.path, reason: "only 8-bit PPM (maximum value 255) is read, this one has \(maxValue)")
    }
    position += 1
    let count = width * height * 3
    guard bytes.count - position >= count else {
        throw ImageFileError.unreadable(path: url.path, reason: "\(width)×\(height) needs \(count) bytes of pixels, the file has \(max(bytes.count - position, 0))")
    }
    return NDArray(bytes[position..<position + count].map { Float($0) }, shape: [height, width, 3])
}

/// The photo as `(H, W, 3)` RGB values, from a .npy array or a PPM file.
func readImage(_ url: URL) throws -> NDArray {
    guard url.pathExtension.lowercased() == "npy" else { return try readPPM(url) }
    let image = try NPY.read(from: url)
    guard image.ndim == 3, image.shape[2] == 3 else {
        throw ImageFileError.unsupported(path: url.path, reason: "expected an RGB image of shape (H, W, 3), got \(shapeDescription(image.shape))")
    }
    return image
}

/// A smooth colour gradient, `(size, size, 3)` RGB 0…255: red across, green down, blue along
/// the diagonal. Deterministic, so the check prints the same class on every run.
func syntheticImage(size: Int) -> NDArray {
    var pixels: [Float] = []
    pixels.reserveCapacity(size * size * 3)
    let last = Float(max(size - 1, 1))
    for row in 0..<size {
        for column in 0..<size {
            let (u, v) = (Float(column) / last, Float(row) / last)
            pixels += [255 * u, 255 * v, 255 * (u + v) / 2]
        }
    }
    return NDArray(pixels, shape: [size, size, 3])
}

let options = Options(CommandLine.arguments.dropFirst())

let image: NDArray, model: VGG16
if let weightsFile = options.weights, let imageFile = options.image {
    do {
        // The image first: a bad path then fails before 138 million weights are allocated.
        image = try readImage(imageFile)
        model = VGG16(initialization: .zeros)     // no random draws: the file replaces every weight
        try model.loadWeights(from: weightsFile)
    } catch {
        fail("\(error)")
    }
} else {
    note("no weights and image given: running the pipeline with random weights on a synthetic "
         + "\(options.imageSize)×\(options.imageSize) image, so the class printed means nothing. \(usage)")
    RandomGenerator.seedDefault(0)
    image = syntheticImage(size: options.imageSize)
    model = VGG16(imageSize: options.imageSize)
}

var x = VGG16.preprocess(image, size: options.imageSize)     // (3, H, W), BGR, mean subtracted
x = x.reshape([1] + x.shape)                                 // x[np.newaxis]: a batch of one

let y = withTestMode { model(x) }
let predictID = Int(y.data.argmax().item())

do {
    try plotDotGraph(y, to: URL(fileURLWithPath: "vgg.pdf"))
} catch {
    note("vgg.pdf not drawn: \(error)")
}

if let labelsFile = options.labels {
    let names: [Substring]
    do {
        names = try String(contentsOf: labelsFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    } catch {
        fail("cannot read \(labelsFile.path): \(error.localizedDescription)")
    }
    guard predictID < names.count else {
        fail("\(labelsFile.path) has \(names.count) lines, no name for class \(predictID)")
    }
    print(names[predictID])
} else {
    note("no label list given (--labels FILE); DeZero for Swift has no copy of ImageNet's labels, so the class index is printed")
    print(predictID)
}
